namespace Pipeline.Spark.DuckDb;

/// <summary>
/// How a sandboxed in-memory DuckDB is opened (see <see cref="DuckDbOpen"/>). External access is always off:
/// only the allowed directories and paths, and DuckDB's own temp folder, can be read or written.
/// </summary>
public sealed record DuckDbSettings
{
    public string? MemoryLimit { get; init; }

    public int? Threads { get; init; }

    /// <summary>Where DuckDB spills; DuckDB always allows this folder, so give each sandbox an empty one.</summary>
    public string? TempDirectory { get; init; }

    /// <summary>Folders readable and writable with everything below them (each should end in '/').</summary>
    public IReadOnlyList<string> AllowedDirectories { get; init; } = [];

    /// <summary>Single paths; a partitioned COPY names its target folder itself, which needs it here too.</summary>
    public IReadOnlyList<string> AllowedPaths { get; init; } = [];

    /// <summary>Any other DuckDB setting by name, applied before the configuration is locked.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
}
