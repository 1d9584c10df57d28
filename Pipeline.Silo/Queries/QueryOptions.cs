using System.ComponentModel.DataAnnotations;

namespace Pipeline.Silo.Queries;

/// <summary>Limits of the query engine (section <c>Pipeline:Queries</c>).</summary>
public sealed class QueryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pipeline:Queries";

    /// <summary><c>DuckDb</c> in the silo over the catalog's files (default), or <c>Athena</c> over the Glue database (needs <c>Pipeline:Catalog=Glue</c>).</summary>
    public QueryEngineKind Engine { get; set; } = QueryEngineKind.DuckDb;

    /// <summary>Queries executing at once; more wait as Queued.</summary>
    [Range(1, 64)]
    public int MaxConcurrent { get; set; } = 4;

    /// <summary>A query running longer is cancelled.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most rows a result may have; a larger result is cut there and marked truncated.</summary>
    [Range(1, 10_000_000)]
    public int MaxResultRows { get; set; } = 100_000;

    /// <summary>Executions remembered (oldest forgotten first).</summary>
    [Range(10, 100_000)]
    public int MaxExecutionsKept { get; set; } = 1_000;
}

public enum QueryEngineKind
{
    DuckDb,
    Athena,
}
