using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon;
using Pipeline.Aws.Emr;
using Pipeline.Aws.Json;
using Pipeline.Aws.Tests.Support;
using Pipeline.Core.Datasets;
using Pipeline.Core.Lake;
using Pipeline.Core.Transform;
using Pipeline.Silo.Engines;
using Pipeline.Spark.DuckDb;

namespace Pipeline.Aws.Tests.Engines;

/// <summary>
/// The EMR engine's part of a run against a fake EMR whose steps do not run Spark (there is none here): a DuckDB
/// stand-in reads the run manifest the engine wrote and writes the Parquet and the result the driver would. What is
/// tested is ours: the manifest, the step and its adoption, the result read back into the run's staging.
/// </summary>
public sealed class EmrTransformEngineFakeEmrTests : IAsyncLifetime
{
    readonly TempFolder folder = new();
    readonly ImmediateDelays delays = new();
    FakeEmr emr = null!;
    LocalLakeStore lake = null!;
    int standInRuns;

    public async Task InitializeAsync()
    {
        emr = await FakeEmr.StartAsync();
        lake = new LocalLakeStore(new LakeLayout(folder.Path));
        emr.StepEnd = SparkStandIn;
    }

    EmrTransformEngine Engine() => new(
        new EmrSteps(new EmrClient(FakeClients.For(emr.Url, AwsJsonService.Emr, RegionEndpoint.EUWest1, delays)), new EmrOptions(), delays),
        lake, key => new LakeLayout(folder.Path).PathOf(key));

    TransformRequest Request(string attempt)
    {
        var raw = Path.Combine(folder.Path, "lake", "raw", "trips", "jan.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(raw)!);
        File.WriteAllText(raw, "trip_id,vendor_id,fare\n1,1,10.50\n2,2,7.25\n3,1,3.00\n");
        var spec = DatasetValidator.Validate("trips", new DatasetDefinition
        {
            Format = "csv", Schema = new() { ["fare"] = "DECIMAL(10,2)" }, PartitionBy = ["vendor_id"],
        }, out _)!;
        return new TransformRequest(spec, "run-000001", DateTimeOffset.UtcNow, [new TransformInput(raw, "raw/trips/jan.csv", 1)],
            Path.Combine(folder.Path, "staging"), Path.Combine(folder.Path, "quarantine-local"), Attempt: attempt,
            TraceParent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    [Fact]
    public async Task ARun_GoesThroughOneStep_AndItsParquetLandsInTheRunsStaging()
    {
        var result = await Engine().RunAsync(Request("trips/run-000001/transform/1/pass-0"));

        Assert.Equal((3L, 3L, 0L), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Equal(["vendor_id=1/part-0.parquet", "vendor_id=2/part-0.parquet"], result.Files.Select(f => f.RelativePath).Order());
        Assert.Equal([2L, 1L], result.Files.OrderBy(f => f.RelativePath).Select(f => f.Rows));
        Assert.All(result.Files, f => Assert.True(File.Exists(Path.Combine(folder.Path, "staging", f.RelativePath))));
        var step = Assert.Single(emr.Requests, r => r.Operation == "AddJobFlowSteps").Body.GetProperty("Steps")[0];
        Assert.Equal("pipeline trips run-000001 trips-run-000001-transform-1-pass-0", step.GetProperty("Name").GetString());
        var manifest = JsonNode.Parse(File.ReadAllText(ArgumentPath(step, -1)))!;
        Assert.Contains("CREATE TABLE", manifest["script"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", manifest["traceparent"]!.GetValue<string>());
        Assert.Equal(Spark.Driver.PySparkDriver.Text, File.ReadAllText(ArgumentPath(step, -2)));
        Assert.Empty(emr.Problems);
    }

    [Fact]
    public async Task TheStageSpan_CarriesTheEngineTheClusterAndTheStep_AndTheStepCarriesTheTraceparent()
    {
        using var source = new ActivitySource("Pipeline.Tests.Stage");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name, Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var engine = new CostRoutedTransformEngine(new Spark.Engine.DuckDbTransformEngine(), Engine(),
            Microsoft.Extensions.Options.Options.Create(new TransformOptions { Engine = TransformEngineKind.Auto, EmrAboveBytes = 10 }));

        using (var stage = source.StartActivity("stage"))
        {
            var result = await engine.RunAsync(Request("a-1") with { TraceParent = stage!.Id });

            Assert.Equal("emr", result.Engine!.Engine);
            Assert.Equal(("emr", "51 B in 1 file, over the default EMR threshold of 10 B"), (stage.GetTagItem("pipeline.engine"), stage.GetTagItem("pipeline.engine.reason")));
            Assert.Matches("^j-[0-9]+$", (string)stage.GetTagItem("pipeline.emr.cluster_id")!);
            Assert.Matches("^s-[0-9]+$", (string)stage.GetTagItem("pipeline.emr.step_id")!);
            Assert.Equal(false, stage.GetTagItem("pipeline.emr.step_adopted"));
            var step = Assert.Single(emr.Requests, r => r.Operation == "AddJobFlowSteps").Body.GetProperty("Steps")[0];
            Assert.Equal($"spark.pipeline.traceparent={stage.Id}", step.GetProperty("HadoopJarStep").GetProperty("Args")[4].GetString());
        }
    }

    [Fact]
    public async Task TheSameAttemptAfterACrash_AdoptsItsStep_SparkRunsOnce()
    {
        await Engine().RunAsync(Request("trips/run-000001/transform/1/pass-0"));

        var again = await Engine().RunAsync(Request("trips/run-000001/transform/1/pass-0"));

        Assert.Equal(3, again.RowsWritten);
        Assert.Equal(1, emr.Requests.Count(r => r.Operation == "AddJobFlowSteps"));
        Assert.Equal(1, standInRuns);
    }

    [Fact]
    public async Task AStepThatFails_FailsTheAttemptWithSparksReason_RetryableUnlessSparkRefusedTheScript()
    {
        emr.StepEnd = step => { WriteResult(step, error: "AnalysisException: cannot resolve `fare`"); return ("FAILED", "Step failed"); };
        var refused = await Assert.ThrowsAsync<TransformException>(() => Engine().RunAsync(Request("a-1")));

        emr.StepEnd = _ => ("FAILED", "The cluster lost its core nodes");
        var lost = await Assert.ThrowsAsync<TransformException>(() => Engine().RunAsync(Request("a-2")));

        Assert.Contains("ended FAILED: AnalysisException: cannot resolve `fare`", refused.Message, StringComparison.Ordinal);
        Assert.False(refused.Transient);
        Assert.Contains("ended FAILED: The cluster lost its core nodes", lost.Message, StringComparison.Ordinal);
        Assert.True(lost.Transient);
    }

    static string ArgumentPath(JsonElement step, int fromEnd)
    {
        var args = step.GetProperty("HadoopJarStep").GetProperty("Args").EnumerateArray().Select(a => a.GetString()!).ToList();
        return args[^-fromEnd];
    }

    // What the driver does on EMR, done by DuckDB over the manifest's inputs: partitioned Parquet and a result.
    (string, string?) SparkStandIn(JsonObject step)
    {
        standInRuns++;
        var manifest = JsonNode.Parse(File.ReadAllText(step["Config"]!["Args"]!.AsArray()[^1]!.GetValue<string>()))!;
        var output = manifest["output"]!.GetValue<string>();
        var input = manifest["files"]![0]!["path"]!.GetValue<string>();
        using (var connection = DuckDbOpen.Plain())
        {
            connection.Execute($"COPY (SELECT * FROM read_csv('{input}')) TO '{output}' (FORMAT parquet, PARTITION_BY (vendor_id), FILENAME_PATTERN 'part-{{i}}')");
        }

        var outputs = Directory.EnumerateFiles(output, "*.parquet", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(output, p).Replace('\\', '/'))
            .Select(p => new JsonObject { ["path"] = p, ["bytes"] = new FileInfo(Path.Combine(output, p)).Length, ["partition"] = new JsonObject { ["vendor_id"] = p.Split('/')[0].Split('=')[1] } });
        WriteResult(step, outputs: [.. outputs], rows: 3);
        return ("COMPLETED", null);
    }

    static void WriteResult(JsonObject step, string? error = null, JsonObject[]? outputs = null, long rows = 0)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(step["Config"]!["Args"]!.AsArray()[^1]!.GetValue<string>()))!;
        var result = new JsonObject
        {
            ["version"] = 1, ["dataset"] = manifest["dataset"]!.DeepClone(), ["runId"] = manifest["runId"]!.DeepClone(), ["attempt"] = manifest["attempt"]!.DeepClone(),
            ["state"] = error is null ? "Succeeded" : "Failed", ["error"] = error, ["rowsIn"] = rows, ["rowsOut"] = rows, ["rowsQuarantined"] = 0,
            ["linesSetAside"] = 0, ["filesOverBadLineRatio"] = new JsonArray(), ["rowsChecked"] = rows, ["expectations"] = new JsonArray(),
            ["outputs"] = new JsonArray([.. outputs ?? []]), ["startedAt"] = "2026-12-03T10:00:00+00:00", ["endedAt"] = "2026-12-03T10:01:00+00:00",
        };
        File.WriteAllText(manifest["result"]!.GetValue<string>(), result.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        await emr.DisposeAsync();
        folder.Dispose();
    }
}
