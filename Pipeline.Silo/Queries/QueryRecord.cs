using Pipeline.Core.Queries;

namespace Pipeline.Silo.Queries;

/// <summary>A query execution while it runs on this silo; its result goes to the lake and its outcome to the query grain.</summary>
public sealed class QueryRecord(string id, string sql)
{
    public string Id { get; } = id;

    public string Sql { get; } = sql;

    public QueryState State { get; set; } = QueryState.Queued;

    public IReadOnlyList<ResultColumn> Columns { get; set; } = [];

    public long RowCount { get; set; }

    /// <summary>True when the result was cut at the row limit.</summary>
    public bool Truncated { get; set; }

    public CancellationTokenSource Cancellation { get; } = new();
}

/// <summary>How an execution ended, as the query grain records it.</summary>
[GenerateSerializer, Immutable, Alias("pipeline.QueryOutcome")]
public sealed record QueryOutcome(
    QueryState State, string? Error, DateTimeOffset CompletedAt, QueryStatistics Statistics, IReadOnlyList<ResultColumn> Columns,
    string? ResultsKey, string? RowsKey);
