using System.Text.Json;
using Amazon;
using Pipeline.Aws.Athena;
using Pipeline.Aws.Json;
using Pipeline.Aws.Tests.Support;

namespace Pipeline.Aws.Tests.Athena;

/// <summary>The Athena client against a fake Athena (a real HTTP server of ours): requests checked against Athena's official model.</summary>
public sealed class AthenaClientFakeServiceTests
{
    static readonly AwsModel Model = AwsModel.Load("athena");
    readonly ImmediateDelays _delays = new();

    AthenaClient Client(FakeJsonService fake) => new(FakeClients.For(fake, AwsJsonService.Athena, RegionEndpoint.USEast1, _delays));

    static string Answer(string operation) => Model.LastPage(operation, "NextToken");

    [Fact]
    public async Task EveryOperation_SendsARequestAthenasModelAccepts_SignedForAthena()
    {
        await using var fake = await FakeJsonService.StartAsync((operation, _) => (200, Answer(operation)));
        var athena = Client(fake);

        var id = await athena.StartQueryExecutionAsync(new StartQueryExecutionRequest(
            "SELECT vendor_id, count(*) FROM trips GROUP BY 1", "pipeline-query-0123456789abcdef0123456789",
            new QueryExecutionContext("lake", "AwsDataCatalog"), new ResultConfiguration("s3://lake/query-results/"), "primary"), default);
        await athena.GetQueryExecutionAsync(id, default);
        await athena.GetQueryResultsAsync(id, null, 5000, default);
        await athena.StopQueryExecutionAsync(id, default);

        Assert.Equal(AthenaClient.Operations, fake.Requests.Select(r => r.Operation));
        Assert.All(fake.Requests, r => Assert.Empty(Model.Problems(r.Operation, r.Body)));
        Assert.All(fake.Requests, r => Assert.Contains("/us-east-1/athena/aws4_request", r.Headers["Authorization"], StringComparison.Ordinal));
        Assert.Equal(1000, fake.Requests.ElementAt(2).Body.GetProperty("MaxResults").GetInt32());
    }

    [Fact]
    public async Task ModelShapedResponses_AreRead()
    {
        await using var fake = await FakeJsonService.StartAsync((operation, _) => (200, Answer(operation)));
        var athena = Client(fake);

        var execution = await athena.GetQueryExecutionAsync("q-1", default);
        var page = await athena.GetQueryResultsAsync("q-1", null, 100, default);

        Assert.Equal("QUEUED", execution.Status!.State);
        Assert.Equal(1, execution.Statistics!.DataScannedInBytes);
        Assert.Equal("sample-datumstring", page.ResultSet!.Rows![0].Data![0].VarCharValue);
        Assert.Equal("sample-string", page.ResultSet.ResultSetMetadata!.ColumnInfo![0].Name);
    }

    [Fact]
    public async Task AShortClientRequestToken_IsRefusedBeforeItIsSent()
    {
        await using var fake = await FakeJsonService.StartAsync((operation, _) => (200, Answer(operation)));

        await Assert.ThrowsAsync<ArgumentException>(() => Client(fake).StartQueryExecutionAsync(new StartQueryExecutionRequest("SELECT 1", "short"), default));
        Assert.Empty(fake.Requests);
    }

    public static TheoryData<string, string> ModelErrors() => Model.ErrorCases(AthenaClient.Operations);

    [Theory]
    [MemberData(nameof(ModelErrors))]
    public async Task EachErrorTheModelLists_ComesBackWithItsCode(string operation, string error)
    {
        var retryable = error is "InternalServerException" or "TooManyRequestsException";
        await using var fake = await FakeJsonService.StartAsync((_, _) => (retryable && error != "TooManyRequestsException" ? 500 : 400,
            $$"""{"__type": "{{error}}", "Message": "as the model says", "AthenaErrorCode": "x"}"""));
        var athena = Client(fake);
        Func<Task> call = operation switch
        {
            "StartQueryExecution" => () => athena.StartQueryExecutionAsync(new StartQueryExecutionRequest("SELECT 1"), default),
            "GetQueryExecution" => () => athena.GetQueryExecutionAsync("q-1", default),
            "GetQueryResults" => () => athena.GetQueryResultsAsync("q-1", null, 10, default),
            _ => () => athena.StopQueryExecutionAsync("q-1", default),
        };

        var thrown = await Assert.ThrowsAsync<AwsServiceException>(call);

        Assert.Equal($"Athena {operation} failed: {error}: as the model says", thrown.Message);
        Assert.Equal(retryable ? 5 : 1, fake.Requests.Count);
    }
}
