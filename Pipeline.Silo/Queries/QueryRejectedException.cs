namespace Pipeline.Silo.Queries;

/// <summary>SQL the sandbox refuses to run (not a read statement).</summary>
public sealed class QueryRejectedException(string message) : Exception(message);
