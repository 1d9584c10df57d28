using Pipeline.Core.Queries;

namespace Pipeline.Silo.Queries;

/// <summary>A query execution in memory: its state and, once done, its result.</summary>
public sealed class QueryRecord(string id, string sql, DateTimeOffset submittedAt)
{
    /// <summary>Id.</summary>
    public string Id { get; } = id;

    /// <summary>The SQL text.</summary>
    public string Sql { get; } = sql;

    /// <summary>State.</summary>
    public QueryState State { get; set; } = QueryState.Queued;

    /// <summary>Error text when failed or cancelled.</summary>
    public string? Error { get; set; }

    /// <summary>Submitted.</summary>
    public DateTimeOffset SubmittedAt { get; } = submittedAt;

    /// <summary>Completed.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Statistics once done.</summary>
    public QueryStatistics? Statistics { get; set; }

    /// <summary>Lake key of the CSV results.</summary>
    public string? ResultsKey { get; set; }

    /// <summary>Result columns.</summary>
    public IReadOnlyList<ResultColumn> Columns { get; set; } = [];

    /// <summary>True when the result was cut at the row limit.</summary>
    public bool Truncated { get; set; }

    /// <summary>Result rows kept for paging.</summary>
    public List<object?[]> Rows { get; } = [];

    /// <summary>Cancels the execution.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>The API view.</summary>
    public QueryExecution ToExecution() => new(Id, Sql, State, Error, SubmittedAt, CompletedAt, Statistics, ResultsKey);
}
