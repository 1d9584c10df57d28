using Pipeline.Aws.Json;

namespace Pipeline.Aws.Athena;

/// <summary>
/// Athena's query operations over its JSON protocol: start (idempotent by a client token, so a retried start
/// after a crash finds the same query), state and statistics, results a page at a time, stop.
/// </summary>
public sealed class AthenaClient(AwsJsonClient client)
{
    /// <summary>Athena's largest page of results.</summary>
    public const int MaxPage = 1000;

    /// <summary>Every operation this client can send (the IAM policy grants exactly these).</summary>
    public static readonly IReadOnlyList<string> Operations = ["StartQueryExecution", "GetQueryExecution", "GetQueryResults", "StopQueryExecution"];

    /// <summary>
    /// Starts a query; <paramref name="clientRequestToken"/> (32-128 characters) makes a repeated start return
    /// the query it started before rather than a second one.
    /// </summary>
    public async Task<string> StartQueryExecutionAsync(StartQueryExecutionRequest request, CancellationToken cancellationToken)
    {
        if (request.ClientRequestToken is { Length: < 32 or > 128 })
        {
            throw new ArgumentException("An Athena client request token has 32-128 characters.", nameof(request));
        }

        var response = await client.SendAsync<StartQueryExecutionRequest, StartQueryExecutionResponse>("StartQueryExecution", request, cancellationToken);
        return response.QueryExecutionId ?? throw new InvalidOperationException("Athena started a query without an id.");
    }

    public async Task<QueryExecution> GetQueryExecutionAsync(string queryExecutionId, CancellationToken cancellationToken) =>
        (await client.SendAsync<GetQueryExecutionRequest, GetQueryExecutionResponse>("GetQueryExecution", new(queryExecutionId), cancellationToken)).QueryExecution
        ?? throw new InvalidOperationException($"Athena did not describe query {queryExecutionId}.");

    /// <summary>One page of results (the first page's first row holds the column names), and the token of the next.</summary>
    public Task<GetQueryResultsResponse> GetQueryResultsAsync(string queryExecutionId, string? nextToken, int pageSize, CancellationToken cancellationToken) =>
        client.SendAsync<GetQueryResultsRequest, GetQueryResultsResponse>(
            "GetQueryResults", new(queryExecutionId, nextToken, Math.Clamp(pageSize, 1, MaxPage)), cancellationToken);

    public Task StopQueryExecutionAsync(string queryExecutionId, CancellationToken cancellationToken) =>
        client.SendAsync<StopQueryExecutionRequest, NoOutput>("StopQueryExecution", new(queryExecutionId), cancellationToken);
}
