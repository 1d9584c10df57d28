using Pipeline.Core.Queries;

namespace Pipeline.Silo.Queries;

[GenerateSerializer, Alias("pipeline.QueryGrainState")]
public sealed class QueryGrainState
{
    [Id(0)]
    public string Sql { get; set; } = "";

    [Id(1)]
    public QueryState State { get; set; }

    /// <summary>Why it failed or was cancelled.</summary>
    [Id(2)]
    public string? Error { get; set; }

    [Id(3)]
    public DateTimeOffset SubmittedAt { get; set; }

    [Id(4)]
    public DateTimeOffset? CompletedAt { get; set; }

    [Id(5)]
    public QueryStatistics? Statistics { get; set; }

    [Id(6)]
    public List<ResultColumn> Columns { get; set; } = [];

    /// <summary>The result as CSV in the lake (the user's copy).</summary>
    [Id(7)]
    public string? ResultsKey { get; set; }

    /// <summary>The result as JSON lines in the lake (the pages).</summary>
    [Id(8)]
    public string? RowsKey { get; set; }
}

/// <summary>The query grain's side for its runner: the outcome of the execution.</summary>
[Alias("pipeline.IQueryWorkGrain")]
public interface IQueryWorkGrain : IGrainWithStringKey
{
    Task CompletedAsync(QueryOutcome outcome, CancellationToken cancellationToken = default);
}
