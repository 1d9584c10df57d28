namespace Pipeline.AppHost.Dashboard.Api;

/// <summary>Hides the values of environment variables that look like secrets.</summary>
public static class SecretMask
{
    /// <summary>What a hidden value shows instead.</summary>
    public const string Masked = "••••••••";

    static readonly string[] SecretWords = ["KEY", "SECRET", "TOKEN", "PASSWORD", "CREDENTIAL"];

    /// <summary>
    /// True when the name contains KEY, SECRET, TOKEN, PASSWORD or CREDENTIAL (any case), or is
    /// <c>OTEL_EXPORTER_OTLP_HEADERS</c> (it carries API keys).
    /// </summary>
    public static bool IsSecret(string name) =>
        SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase))
        || name.StartsWith("OTEL_EXPORTER_OTLP_", StringComparison.OrdinalIgnoreCase)
           && name.EndsWith("HEADERS", StringComparison.OrdinalIgnoreCase);

    /// <summary>The value to show for <paramref name="name"/>.</summary>
    public static string Show(string name, string value) => IsSecret(name) && value.Length > 0 ? Masked : value;
}
