using System.Text.Json;
using Amazon;
using Pipeline.Aws.Glue;
using Pipeline.Aws.Json;
using Pipeline.Aws.Tests.Support;

namespace Pipeline.Aws.Tests.Glue;

/// <summary>
/// The Glue client against a fake Glue (a real HTTP server of ours, not AWS): every request it sends is checked
/// against Glue's official model, and it reads the model's response and error shapes.
/// </summary>
public sealed class GlueClientFakeServiceTests
{
    static readonly AwsModel Model = AwsModel.Load("glue");

    // Backoff pauses are recorded, not waited for.
    readonly ImmediateDelays _delays = new();

    GlueClient Client(FakeJsonService fake) => new(FakeClients.For(fake, AwsJsonService.Glue, RegionEndpoint.EUWest1, _delays));

    static TableInput Table() => new("trips",
        StorageDescriptor: new StorageDescriptor(
            [new Column("trip_id", "bigint"), new Column("fare", "decimal(10,2)")], "s3://lake/processed/trips/",
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
            SerdeInfo: new SerDeInfo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")),
        PartitionKeys: [new Column("pickup_day", "string")], TableType: "EXTERNAL_TABLE", Parameters: new() { ["classification"] = "parquet" });

    [Fact]
    public async Task EveryOperation_SendsARequestGlueModelAccepts_SignedForGlue()
    {
        await using var fake = await FakeJsonService.StartAsync((operation, _) => (200, LastPage(operation)));
        var glue = Client(fake);
        var partition = new PartitionInput(["2024-06-01"], new StorageDescriptor(Location: "s3://lake/processed/trips/pickup_day=2024-06-01/"));

        await glue.CreateDatabaseAsync(new DatabaseInput("lake", "Pipeline's tables", "s3://lake/processed/"), default);
        await glue.GetDatabaseAsync("lake", default);
        await glue.UpdateDatabaseAsync(new DatabaseInput("lake", Parameters: new() { ["owner"] = "pipeline" }), default);
        await glue.CreateTableAsync("lake", Table(), default);
        await glue.GetTableAsync("lake", "trips", default);
        await glue.GetTablesAsync("lake", default);
        await glue.UpdateTableAsync("lake", Table(), default, versionId: "3", archive: false);
        await glue.BatchCreatePartitionAsync("lake", "trips", [partition], default);
        await glue.BatchUpdatePartitionAsync("lake", "trips", [partition with { Parameters = new() { ["rows"] = "10" } }], default);
        await glue.GetPartitionsAsync("lake", "trips", "pickup_day >= '2024-06-01'", default);
        await glue.BatchDeletePartitionAsync("lake", "trips", [["2024-06-01"]], default);

        Assert.Equal(GlueClient.Operations, fake.Requests.Select(r => r.Operation).Distinct());
        Assert.All(fake.Requests, r => Assert.Empty(Model.Problems(r.Operation, r.Body)));
        Assert.All(fake.Requests, r => Assert.Matches(
            @"^AWS4-HMAC-SHA256 Credential=AKIDTEST/\d{8}/eu-west-1/glue/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$",
            r.Headers["Authorization"]));
        Assert.All(fake.Requests, r => Assert.Equal(("application/x-amz-json-1.1", $"AWSGlue.{r.Operation}"), (r.Headers["Content-Type"], r.Headers["X-Amz-Target"])));
    }

    [Fact]
    public void TheModelCheck_RefusesWhatGlueWould()
    {
        using var body = JsonDocument.Parse("""{"TableInput": {"Name": "", "TableType": 5}, "Extra": 1, "PartitionIndexes": []}""");

        Assert.Equal([
            "$.DatabaseName: required",
            "$.TableInput.Name: 0 characters, outside 1..255",
            "$.TableInput.TableType: a Number where TableTypeString is a string",
            "$.Extra: not a member of CreateTableRequest",
        ], Model.Problems("CreateTable", body.RootElement));
    }

    [Fact]
    public async Task ModelShapedResponses_AreRead()
    {
        await using var fake = await FakeJsonService.StartAsync((operation, _) => (200, LastPage(operation)));
        var glue = Client(fake);

        var table = await glue.GetTableAsync("lake", "trips", default);
        var partitions = await glue.GetPartitionsAsync("lake", "trips", null, default);

        Assert.Equal("sample-namestring", table!.Name);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250), table.CreateTime);
        Assert.Equal("sample-columntypestring", table.StorageDescriptor!.Columns![0].Type);
        Assert.Equal(["sample-valuestring"], Assert.Single(partitions).Values);
    }

    static string LastPage(string operation) => Model.LastPage(operation, "NextToken");

    [Fact]
    public async Task GetPartitions_ReadsEveryPage()
    {
        await using var fake = await FakeJsonService.StartAsync((_, request) => request.TryGetProperty("NextToken", out JsonElement _)
            ? (200, """{"Partitions": [{"Values": ["2024-06-02"]}]}""")
            : (200, """{"Partitions": [{"Values": ["2024-06-01"]}], "NextToken": "page-2"}"""));

        var partitions = await Client(fake).GetPartitionsAsync("lake", "trips", null, default);

        Assert.Equal(["2024-06-01", "2024-06-02"], partitions.Select(p => p.Values[0]));
        Assert.Equal("page-2", fake.Requests.Last().Body.GetProperty("NextToken").GetString());
    }

    [Fact]
    public async Task GetTables_ReadsEveryPage()
    {
        await using var fake = await FakeJsonService.StartAsync((_, request) => request.TryGetProperty("NextToken", out JsonElement _)
            ? (200, """{"TableList": [{"Name": "b"}]}""")
            : (200, """{"TableList": [{"Name": "a"}], "NextToken": "page-2"}"""));

        var tables = await Client(fake).GetTablesAsync("lake", default);

        Assert.Equal(["a", "b"], tables.Select(t => t.Name));
    }

    [Fact]
    public async Task AMissingTableOrDatabase_IsNull()
    {
        await using var fake = await FakeJsonService.StartAsync((_, _) => (400, """{"__type": "EntityNotFoundException", "Message": "Table trips not found."}"""));
        var glue = Client(fake);

        Assert.Null(await glue.GetTableAsync("lake", "trips", default));
        Assert.Null(await glue.GetDatabaseAsync("lake", default));
    }

    public static TheoryData<string, string> ModelErrors() => Model.ErrorCases(GlueClient.Operations);

    [Theory]
    [MemberData(nameof(ModelErrors))]
    public async Task EachErrorTheModelLists_ComesBackWithItsCode(string operation, string error)
    {
        var retryable = error is "InternalServiceException" or "OperationTimeoutException" or "FederationSourceRetryableException";
        await using var fake = await FakeJsonService.StartAsync((_, _) => (retryable ? 500 : 400, $$"""{"__type": "com.amazonaws.glue#{{error}}", "Message": "as the model says"}"""));
        var glue = Client(fake);

        Func<Task> call = operation switch
        {
            "CreateDatabase" => () => glue.CreateDatabaseAsync(new DatabaseInput("lake"), default),
            "GetDatabase" => () => glue.GetDatabaseAsync("lake", default),
            "UpdateDatabase" => () => glue.UpdateDatabaseAsync(new DatabaseInput("lake"), default),
            "CreateTable" => () => glue.CreateTableAsync("lake", Table(), default),
            "GetTable" => () => glue.GetTableAsync("lake", "trips", default),
            "GetTables" => () => glue.GetTablesAsync("lake", default),
            "UpdateTable" => () => glue.UpdateTableAsync("lake", Table(), default),
            "BatchCreatePartition" => () => glue.BatchCreatePartitionAsync("lake", "trips", [new PartitionInput(["x"])], default),
            "BatchUpdatePartition" => () => glue.BatchUpdatePartitionAsync("lake", "trips", [new PartitionInput(["x"])], default),
            "GetPartitions" => () => glue.GetPartitionsAsync("lake", "trips", null, default),
            _ => () => glue.BatchDeletePartitionAsync("lake", "trips", [["x"]], default),
        };

        if (error == "EntityNotFoundException" && operation is "GetTable" or "GetDatabase")
        {
            await call();
            return;
        }

        var thrown = await Assert.ThrowsAsync<AwsServiceException>(call);
        Assert.Equal(error, thrown.Code);
        Assert.Equal($"Glue {operation} failed: {error}: as the model says", thrown.Message);
        // Server faults are tried five times, with growing pauses; a refusal once.
        Assert.Equal(retryable ? 5 : 1, fake.Requests.Count);
    }

    [Fact]
    public async Task Throttling_IsRetried_UntilGlueAnswers()
    {
        var calls = 0;
        await using var fake = await FakeJsonService.StartAsync((operation, _) => Interlocked.Increment(ref calls) < 3
            ? (400, """{"__type": "ThrottlingException", "message": "Rate exceeded"}""")
            : (200, LastPage(operation)));

        var table = await Client(fake).GetTableAsync("lake", "trips", default);

        Assert.NotNull(table);
        Assert.Equal(3, calls);
        Assert.Equal(2, _delays.Requested.Count);
    }

    [Fact]
    public async Task PartitionBatches_StayWithinGlueLimits()
    {
        await using var fake = await FakeJsonService.StartAsync((operation, _) => (200, "{}"));
        var glue = Client(fake);

        await glue.BatchCreatePartitionAsync("lake", "trips", [.. Enumerable.Range(0, 250).Select(i => new PartitionInput([$"{i}"]))], default);
        await glue.BatchDeletePartitionAsync("lake", "trips", [.. Enumerable.Range(0, 60).Select(i => new List<string> { $"{i}" })], default);
        await glue.BatchUpdatePartitionAsync("lake", "trips", [.. Enumerable.Range(0, 120).Select(i => new PartitionInput([$"{i}"]))], default);

        Assert.Equal([100, 100, 50, 25, 25, 10, 100, 20], fake.Requests.Select(r => r.Body.EnumerateObject().Single(p => p.Value.ValueKind == JsonValueKind.Array).Value.GetArrayLength()));
        Assert.All(fake.Requests, r => Assert.Empty(Model.Problems(r.Operation, r.Body)));
    }
}
