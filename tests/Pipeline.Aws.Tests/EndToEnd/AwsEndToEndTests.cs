using Pipeline.Aws.Tests.Support;

namespace Pipeline.Aws.Tests.EndToEnd;

/// <summary>The system on the emulators driven like a data engineer would: files land in S3, notifications come over SQS.</summary>
[Collection(AwsCollection.Name)]
public sealed class AwsEndToEndTests(AwsEmulators emulators)
{
    static readonly TimeSpan Idle = TimeSpan.FromSeconds(120);

    static object TripsDefinition => new
    {
        format = "csv",
        schema = new Dictionary<string, string> { ["fare_amount"] = "DECIMAL(10,2)", ["pickup_datetime"] = "TIMESTAMP" },
        partitionBy = new[] { "vendor_id" },
    };

    [Fact]
    public async Task FileNotifiedOverSqs_RunSucceedsAndQueryAnswers_DuplicateNotificationChangesNothing()
    {
        // The file must be reported by the queue, not found by the reconciliation listing: the periodic listing is
        // put a day away, and the one that follows the registration must have ended before the file is put.
        await using var system = await AwsSystem.StartAsync(emulators, new Dictionary<string, string>
        {
            ["Pipeline__ReconcileInterval"] = "1.00:00:00",
        });
        await system.Api.RegisterAsync("trips", TripsDefinition);
        var (bytes, sum) = SampleData.TripsCsv(0, 200);
        await system.WaitReconcilePassAsync("trips", TimeSpan.FromSeconds(60));

        var notification = await system.PutRawAsync("trips", "2024/01/jan trips.csv", bytes);
        var status = await system.Api.WaitIdleAsync("trips", 1, Idle);

        Assert.Equal("Succeeded", status["lastRun"]!["state"]!.GetValue<string>());
        await system.Host.WaitForLineAsync(@"silo\s*\|.*Recorded 1 new arrival\(s\) of trips from the queue", TimeSpan.FromSeconds(5));
        var row = Assert.Single(await system.Api.QueryAsync("SELECT count(*), count(DISTINCT trip_id), sum(fare_amount) FROM trips"));
        Assert.Equal((200m, 200m, sum), (PipelineClient.Number(row[0]), PipelineClient.Number(row[1]), PipelineClient.Number(row[2])));
        Assert.Contains(await system.KeysAsync("processed/trips/"), k => k.EndsWith(".parquet", StringComparison.Ordinal));

        await system.Sqs.SendMessageAsync(system.Queue, notification);
        await system.WaitQueueDrainedAsync(Idle);
        var after = await system.Api.WaitIdleAsync("trips", 1, Idle);

        Assert.Equal(1, after["arrivalsTotal"]!.GetValue<long>());
        Assert.Single((await system.Api.GetAsync("/api/datasets/trips/runs")).AsArray());
        row = Assert.Single(await system.Api.QueryAsync("SELECT count(*), sum(fare_amount) FROM trips"));
        Assert.Equal((200m, sum), (PipelineClient.Number(row[0]), PipelineClient.Number(row[1])));
        Assert.Equal((0, 0), await SqsQueues.CountsAsync(system.Sqs, system.DeadLetters));
    }

    [Fact]
    public async Task UploadThroughTheApi_GoesToS3_ItsNotificationIsADuplicate()
    {
        await using var system = await AwsSystem.StartAsync(emulators);
        await system.Api.RegisterAsync("trips", TripsDefinition);
        var (bytes, sum) = SampleData.TripsCsv(1000, 50);

        var upload = await system.Api.UploadAsync("trips", "api.csv", bytes);
        await system.Api.WaitIdleAsync("trips", 1, Idle);
        var objects = await system.KeysAsync("raw/trips/");
        await system.Sqs.SendMessageAsync(system.Queue, Sqs.S3Events.Notification(system.Bucket, ("pipeline/raw/trips/api.csv", bytes.Length,
            System.Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes)))));
        await system.WaitQueueDrainedAsync(Idle);

        Assert.False(upload["duplicate"]!.GetValue<bool>());
        Assert.Equal(["raw/trips/api.csv"], objects);
        Assert.Equal(1, (await system.Api.WaitIdleAsync("trips", 1, Idle))["arrivalsTotal"]!.GetValue<long>());
        var row = Assert.Single(await system.Api.QueryAsync("SELECT count(*), sum(fare_amount) FROM trips"));
        Assert.Equal((50m, sum), (PipelineClient.Number(row[0]), PipelineClient.Number(row[1])));
    }

    [Fact]
    public async Task SiloKilledBeforeCommit_RestartedRunSucceeds_NothingLostOrDuplicated()
    {
        using var marker = new TempFolder();
        await using var system = await AwsSystem.StartAsync(emulators, new Dictionary<string, string>
        {
            ["Pipeline__Faults__KillAt"] = "BeforeCommit",
            ["Pipeline__Faults__OnceMarker"] = Path.Combine(marker.Path, "crashed-once"),
        });
        await system.Api.RegisterAsync("trips", TripsDefinition);
        var (bytes, sum) = SampleData.TripsCsv(0, 500);

        await system.PutRawAsync("trips", "trips.csv", bytes);
        await system.Host.WaitForLineAsync("silo exited with code 137", TimeSpan.FromSeconds(90));
        var status = await system.Api.WaitIdleAsync("trips", 1, Idle);

        Assert.True(File.Exists(Path.Combine(marker.Path, "crashed-once")));
        Assert.Equal("Succeeded", status["lastRun"]!["state"]!.GetValue<string>());
        Assert.Equal(1, status["arrivalsTotal"]!.GetValue<long>());
        var row = Assert.Single(await system.Api.QueryAsync("SELECT count(*), count(DISTINCT trip_id), sum(fare_amount) FROM trips"));
        Assert.Equal((500m, 500m, sum), (PipelineClient.Number(row[0]), PipelineClient.Number(row[1]), PipelineClient.Number(row[2])));
        var parquet = (await system.KeysAsync("processed/trips/")).Count(k => k.EndsWith(".parquet", StringComparison.Ordinal));
        Assert.Equal((await system.Api.GetAsync("/api/tables/trips"))["files"]!.GetValue<int>(), parquet);
    }

    [Fact]
    public async Task CatalogInFakeGlue_TableViewAndPartitionsRegistered_QueriesAndTableRoutesReadGlue()
    {
        await using var glue = await FakeGlue.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["Pipeline__Catalog"] = "Glue",
            ["Pipeline__Glue__Database"] = "lake",
            ["AWS_ENDPOINT_URL_GLUE"] = glue.Url.ToString(),
        };
        await using var system = await AwsSystem.StartAsync(emulators, environment);
        await system.Api.RegisterAsync("trips", new
        {
            format = "csv",
            schema = new Dictionary<string, string> { ["fare_amount"] = "DECIMAL(10,2)", ["pickup_datetime"] = "TIMESTAMP" },
            partitionBy = new[] { "vendor_id" },
            views = new Dictionary<string, string> { ["fares_by_vendor"] = "SELECT vendor_id, sum(fare_amount) AS fares FROM trips GROUP BY 1" },
        });
        var (bytes, sum) = SampleData.TripsCsv(0, 300);

        await system.PutRawAsync("trips", "trips.csv", bytes);
        var status = await system.Api.WaitIdleAsync("trips", 1, Idle);

        Assert.Equal("Succeeded", status["lastRun"]!["state"]!.GetValue<string>());
        var table = glue.Table("lake", "trips")!;
        Assert.Equal($"s3://{system.Bucket}/pipeline/processed/trips/", table["StorageDescriptor"]!["Location"]!.GetValue<string>());
        Assert.Equal("vendor_id", table["PartitionKeys"]![0]!["Name"]!.GetValue<string>());
        var parquet = (await system.KeysAsync("processed/trips/")).Count(k => k.EndsWith(".parquet", StringComparison.Ordinal));
        Assert.Equal(parquet, glue.Partitions("lake", "trips").Sum(p => FakeGlue.Files(p).Count));
        Assert.NotNull(glue.Table("lake", "fares_by_vendor"));
        var row = Assert.Single(await system.Api.QueryAsync("SELECT count(*), sum(fare_amount) FROM trips"));
        Assert.Equal((300m, sum), (PipelineClient.Number(row[0]), PipelineClient.Number(row[1])));

        // The Api's catalog routes read Glue.
        var info = await system.Api.GetAsync("/api/tables/trips");
        Assert.Equal((300, parquet), (info["rows"]!.GetValue<int>(), info["files"]!.GetValue<int>()));
        Assert.Equal(["fares_by_vendor", "trips"], (await system.Api.GetAsync("/api/tables")).AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Empty(glue.Problems);
    }

    [Fact]
    public async Task BigBatchOnFakeEmr_SiloCrashMidStep_StepAdopted_TableInFakeGlue_QueriedOnFakeAthena_RowsExact()
    {
        await using var glue = await FakeGlue.StartAsync();
        await using var emr = await FakeEmr.StartAsync();
        await using var athena = await FakeAthena.StartAsync();
        using var s3 = emulators.CreateS3();
        var sparkRuns = 0;
        emr.StepEnd = step =>
        {
            Interlocked.Increment(ref sparkRuns);
            S3SparkStandIn.Run(s3, step);
            return ("COMPLETED", null);
        };
        using var marker = new TempFolder();
        await using var system = await AwsSystem.StartAsync(emulators, new Dictionary<string, string>
        {
            ["Pipeline__Catalog"] = "Glue",
            ["Pipeline__Glue__Database"] = "lake",
            ["AWS_ENDPOINT_URL_GLUE"] = glue.Url.ToString(),
            ["AWS_ENDPOINT_URL_EMR"] = emr.Url.ToString(),
            ["AWS_ENDPOINT_URL_ATHENA"] = athena.Url.ToString(),
            ["Pipeline__Queries__Engine"] = "Athena",
            ["Pipeline__Athena__PollInterval"] = "00:00:00.100",
            ["Pipeline__Transform__Engine"] = "Auto",
            ["Pipeline__Transform__EmrAboveBytes"] = "4096",
            ["Pipeline__Emr__PollInterval"] = "00:00:00.200",
            ["Pipeline__Faults__KillAt"] = "MidStep",
            ["Pipeline__Faults__OnceMarker"] = Path.Combine(marker.Path, "crashed-once"),
        });
        await system.Api.RegisterAsync("trips", TripsDefinition);
        var (bytes, sum) = SampleData.TripsCsv(0, 400);
        // Athena's engine is DuckDB over the files Glue lists; the comment line the silo adds is Athena's to keep.
        athena.Answer = sql => AthenaStandIn.Run(s3, glue, system.Bucket, "pipeline/", sql[(sql.IndexOf('\n', StringComparison.Ordinal) + 1)..]);

        await system.PutRawAsync("trips", "big.csv", bytes);
        await system.Host.WaitForLineAsync("silo exited with code 137", TimeSpan.FromSeconds(90));
        var status = await system.Api.WaitIdleAsync("trips", 1, Idle);

        Assert.Equal("Succeeded", status["lastRun"]!["state"]!.GetValue<string>());
        var run = await system.Api.GetAsync("/api/datasets/trips/runs/run-000001");
        Assert.Equal("emr", run["engine"]!["engine"]!.GetValue<string>());
        Assert.Contains("over the default EMR threshold of 4.1 kB", run["engine"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        // The re-executed attempt found its step: submitted once, run once.
        Assert.Equal(1, emr.Requests.Count(r => r.Operation == "AddJobFlowSteps"));
        Assert.Equal(1, sparkRuns);
        var row = Assert.Single(await system.Api.QueryAsync("SELECT count(*), count(DISTINCT trip_id), sum(fare_amount) FROM trips"));
        Assert.Equal((400m, 400m, sum), (PipelineClient.Number(row[0]), PipelineClient.Number(row[1]), PipelineClient.Number(row[2])));
        Assert.Equal(["1", "2"], glue.Partitions("lake", "trips").Select(p => p["Values"]![0]!.GetValue<string>()));
        Assert.Equal(400, glue.Partitions("lake", "trips").Sum(p => FakeGlue.Files(p).Sum(f => f.Rows)));
        var start = Assert.Single(athena.Requests, r => r.Operation == "StartQueryExecution").Body;
        Assert.Equal("lake", start.GetProperty("QueryExecutionContext").GetProperty("Database").GetString());
        Assert.Matches(@"^-- pipeline query \S+ traceparent 00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}\n", start.GetProperty("QueryString").GetString());
        var args = emr.Requests.Single(r => r.Operation == "AddJobFlowSteps").Body.GetProperty("Steps")[0].GetProperty("HadoopJarStep").GetProperty("Args");
        Assert.StartsWith("spark.pipeline.traceparent=00-", args[4].GetString(), StringComparison.Ordinal);
        Assert.Empty(emr.Problems);
        Assert.Empty(glue.Problems);
        Assert.Empty(athena.Problems);
    }
}
