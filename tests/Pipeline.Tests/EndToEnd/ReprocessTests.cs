using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.EndToEnd;

/// <summary>
/// A run reprocessed after the definition was fixed: its files are read again and its new output replaces the
/// old, so rows that were quarantined arrive and none is doubled.
/// </summary>
public sealed class ReprocessTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    const string Dataset = "trips_reproc";

    PipelineClient Api => fixture.Client;

    static object Definition(string? timestampFormat) => new
    {
        format = "csv",
        schema = new Dictionary<string, string> { ["fare_amount"] = "DECIMAL(10,2)", ["pickup_datetime"] = "TIMESTAMP" },
        partitionBy = new[] { "vendor_id" },
        timestampFormat,
    };

    async Task<(HttpStatusCode Status, JsonNode? Body)> ReprocessAsync(string runId)
    {
        using var response = await Api.Http.PostAsync($"/api/datasets/{Dataset}/runs/{runId}/reprocess", null);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task SucceededRunWithQuarantinedRows_DefinitionFixedAndRunReprocessed_EveryRowOnceOldFilesAndQuarantineGone()
    {
        Assert.Equal(HttpStatusCode.Created, await Api.RegisterAsync(Dataset, Definition(null)));
        var (bytes, sum) = SampleData.TripsCsv(0, 20);
        var file = Encoding.UTF8.GetString(bytes) + "20,1,01/05/2024 10:00 AM,1,7.50,N\n21,2,01/06/2024 11:30 PM,2,12.25,N\n";
        await Api.UploadAsync(Dataset, "jan.csv", Encoding.UTF8.GetBytes(file));
        var first = await Api.WaitIdleAsync(Dataset, 1);
        Assert.Equal(2, first["lastRun"]!["counts"]!["rowsQuarantined"]!.GetValue<long>());
        var runId = first["lastRun"]!["runId"]!.GetValue<string>();
        var processed = Path.Combine(fixture.Data.Path, "lake", "processed", Dataset);
        var firstFiles = Directory.GetFiles(processed, "*.parquet", SearchOption.AllDirectories);

        Assert.Equal(HttpStatusCode.OK, await Api.RegisterAsync(Dataset, Definition("%m/%d/%Y %I:%M %p")));
        var (status, body) = await ReprocessAsync(runId);
        Assert.Equal((HttpStatusCode.Accepted, runId), (status, body!["runId"]!.GetValue<string>()));
        var after = await Api.WaitIdleAsync(Dataset, 1);

        var run = after["lastRun"]!;
        Assert.Equal(("Succeeded", 1), (run["state"]!.GetValue<string>(), run["reprocessed"]!.GetValue<int>()));
        Assert.Equal((22, 22, 0), (run["counts"]!["rowsIn"]!.GetValue<long>(), run["counts"]!["rowsWritten"]!.GetValue<long>(), run["counts"]!["rowsQuarantined"]!.GetValue<long>()));
        Assert.Empty(run["quarantined"]!.AsArray());
        var row = Assert.Single(await Api.QueryAsync(
            "SELECT count(*), count(DISTINCT trip_id), sum(fare_amount), max(pickup_datetime) FROM trips_reproc"));
        Assert.Equal((22m, 22m, sum + 19.75m), (PipelineClient.Number(row[0]), PipelineClient.Number(row[1]), PipelineClient.Number(row[2])));
        Assert.StartsWith("2024-01-06", row[3]!.GetValue<string>(), StringComparison.Ordinal);

        // The earlier files are deleted, the new ones are the table's; the earlier quarantine is gone.
        var files = Directory.GetFiles(processed, "*.parquet", SearchOption.AllDirectories);
        Assert.All(firstFiles, f => Assert.False(File.Exists(f), f));
        Assert.All(files, f => Assert.StartsWith($"{runId}.r1-", Path.GetFileName(f), StringComparison.Ordinal));
        Assert.Equal((await Api.GetAsync($"/api/tables/{Dataset}"))["files"]!.GetValue<int>(), files.Length);
        var quarantine = Path.Combine(fixture.Data.Path, "lake", "quarantine", Dataset, runId);
        Assert.True(!Directory.Exists(quarantine) || Directory.GetFiles(quarantine).Length == 0);

        // Its raw file gone, a reprocess would lose rows: refused before anything changes.
        File.Delete(Path.Combine(fixture.Data.Path, "lake", "raw", Dataset, "jan.csv"));
        var (refused, problem) = await ReprocessAsync(runId);
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Contains($"cannot be reprocessed without dropping rows: raw/{Dataset}/jan.csv: the file no longer exists in the raw zone",
            problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var kept = (await Api.GetAsync($"/api/datasets/{Dataset}"))["lastRun"]!;
        Assert.Equal(("Succeeded", 1), (kept["state"]!.GetValue<string>(), kept["reprocessed"]!.GetValue<int>()));
        Assert.Equal(22m, PipelineClient.Number(Assert.Single(await Api.QueryAsync($"SELECT count(*) FROM {Dataset}"))[0]));
        Assert.Equal(HttpStatusCode.NotFound, (await ReprocessAsync("run-999999")).Status);
    }
}
