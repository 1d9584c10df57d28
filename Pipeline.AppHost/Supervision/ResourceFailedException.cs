namespace Pipeline.AppHost.Supervision;

/// <summary>A resource could not be kept running; the AppHost stops everything and exits non-zero.</summary>
public sealed class ResourceFailedException(string message) : Exception(message);
