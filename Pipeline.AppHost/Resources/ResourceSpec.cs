namespace Pipeline.AppHost.Resources;

/// <summary>How to launch one service: its assembly, its address and the environment it is given.</summary>
/// <param name="Name">Short name used as the console prefix (<c>silo</c>, <c>api</c>).</param>
/// <param name="AssemblyPath">The service's built <c>.dll</c>, run with <c>dotnet</c>.</param>
/// <param name="Url">The base URL the service listens on.</param>
/// <param name="Environment">Variables added to the AppHost's own environment for the child.</param>
public sealed record ResourceSpec(
    string Name, string AssemblyPath, Uri Url, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The readiness endpoint every service maps.</summary>
    public Uri HealthUrl => new(Url, "/health");
}
