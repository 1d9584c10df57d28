namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>The status texts a span can have.</summary>
public static class SpanStatus
{
    /// <summary>No status set.</summary>
    public const string Unset = "Unset";

    /// <summary>Marked successful.</summary>
    public const string Ok = "Ok";

    /// <summary>Failed.</summary>
    public const string Error = "Error";
}
