namespace Pipeline.Aws.Athena;

// The members of Athena's model shapes that the query port uses, named as the model names them
// (../shared/aws-models/athena/service-2.json); the tests check every request against the model.

public sealed record QueryExecutionContext(string? Database = null, string? Catalog = null);

public sealed record ResultConfiguration(string? OutputLocation = null);

public sealed record AthenaError(int? ErrorCategory = null, int? ErrorType = null, bool? Retryable = null, string? ErrorMessage = null);

public sealed record QueryExecutionStatus(
    string? State = null, string? StateChangeReason = null, DateTimeOffset? SubmissionDateTime = null, DateTimeOffset? CompletionDateTime = null,
    AthenaError? AthenaError = null);

public sealed record QueryExecutionStatistics(long? EngineExecutionTimeInMillis = null, long? DataScannedInBytes = null, long? TotalExecutionTimeInMillis = null,
    long? QueryQueueTimeInMillis = null);

public sealed record QueryExecution(
    string? QueryExecutionId = null, string? Query = null, string? StatementType = null, ResultConfiguration? ResultConfiguration = null,
    QueryExecutionContext? QueryExecutionContext = null, QueryExecutionStatus? Status = null, QueryExecutionStatistics? Statistics = null,
    string? WorkGroup = null);

public sealed record Datum(string? VarCharValue = null);

public sealed record Row(List<Datum>? Data = null);

public sealed record ColumnInfo(string Name, string Type, int? Precision = null, int? Scale = null, string? Nullable = null);

public sealed record ResultSetMetadata(List<ColumnInfo>? ColumnInfo = null);

public sealed record ResultSet(List<Row>? Rows = null, ResultSetMetadata? ResultSetMetadata = null);

// Requests and responses.
public sealed record StartQueryExecutionRequest(
    string QueryString, string? ClientRequestToken = null, QueryExecutionContext? QueryExecutionContext = null,
    ResultConfiguration? ResultConfiguration = null, string? WorkGroup = null, List<string>? ExecutionParameters = null);

public sealed record StartQueryExecutionResponse(string? QueryExecutionId);

public sealed record GetQueryExecutionRequest(string QueryExecutionId);

public sealed record GetQueryExecutionResponse(QueryExecution? QueryExecution);

public sealed record GetQueryResultsRequest(string QueryExecutionId, string? NextToken = null, int? MaxResults = null);

public sealed record GetQueryResultsResponse(long? UpdateCount = null, ResultSet? ResultSet = null, string? NextToken = null);

public sealed record StopQueryExecutionRequest(string QueryExecutionId);
