namespace Pipeline.Core.Queries;

/// <summary>States of a query execution (as Athena names them).</summary>
[GenerateSerializer, Alias("pipeline.QueryState")]
public enum QueryState
{
    /// <summary>Waiting for an engine slot.</summary>
    Queued,

    /// <summary>Executing.</summary>
    Running,

    /// <summary>Done; results can be read.</summary>
    Succeeded,

    /// <summary>Failed; see the error.</summary>
    Failed,

    /// <summary>Cancelled by the user or a timeout.</summary>
    Cancelled,
}

/// <summary>Body of <c>POST /api/queries</c>.</summary>
[GenerateSerializer, Alias("pipeline.QueryRequest")]
public sealed record QueryRequest(string? Sql);

/// <summary>Answer to <c>POST /api/queries</c>.</summary>
[GenerateSerializer, Alias("pipeline.QueryStarted")]
public sealed record QueryStarted(string QueryId);

/// <summary>Statistics of an execution; <paramref name="Truncated"/> when the result hit the row limit.</summary>
[GenerateSerializer, Alias("pipeline.QueryStatistics")]
public sealed record QueryStatistics(long Rows, long BytesScanned, double ElapsedMilliseconds, bool Truncated = false);

/// <summary>A query execution.</summary>
[GenerateSerializer, Alias("pipeline.QueryExecution")]
public sealed record QueryExecution(
    string QueryId, string Sql, QueryState State, string? Error, DateTimeOffset SubmittedAt,
    DateTimeOffset? CompletedAt, QueryStatistics? Statistics, string? ResultsLocation);

/// <summary>A column of a result.</summary>
[GenerateSerializer, Alias("pipeline.ResultColumn")]
public sealed record ResultColumn(string Name, string Type);

/// <summary>A page of results as the Api returns it: each row a JSON array of the column values.</summary>
public sealed record ResultPage(IReadOnlyList<ResultColumn> Columns, System.Text.Json.Nodes.JsonArray Rows, string? NextPageToken);

/// <summary>A page of results as the query grain hands it over: the rows as one JSON array text.</summary>
[GenerateSerializer, Immutable, Alias("pipeline.ResultPageData")]
public sealed record ResultPageData(IReadOnlyList<ResultColumn> Columns, string RowsJson, string? NextPageToken);
