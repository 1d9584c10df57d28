using Pipeline.Tests.Support;

namespace Pipeline.Tests.EndToEnd;

/// <summary>The raw zone deleted by hand under a running system: the silo keeps running and later files still arrive.</summary>
public sealed class RawZoneDeletedTests
{
    [Fact]
    public async Task RawZoneDeletedWhileRunning_SiloKeepsRunning_FilesCopiedByHandAndUploadedLaterStillArrive()
    {
        using var data = new TempFolder();
        await using var host = AppHostProcess.Start(data.Path, new Dictionary<string, string>
        {
            // Listings every 2 s, so several pass over the missing folder.
            ["Pipeline__ReconcileInterval"] = "00:00:02",
        });
        await host.WaitReadyAsync();
        using var api = new PipelineClient(host.ApiUrl);
        await api.RegisterAsync("trips", new { format = "csv", schema = new Dictionary<string, string> { ["fare_amount"] = "DECIMAL(10,2)" } });
        var (first, firstSum) = SampleData.TripsCsv(0, 30);
        await api.UploadAsync("trips", "day1.csv", first);
        await api.WaitIdleAsync("trips", 1);

        var raw = Path.Combine(data.Path, "lake", "raw");
        Directory.Delete(raw, recursive: true);
        await Task.Delay(TimeSpan.FromSeconds(5));

        var (second, secondSum) = SampleData.TripsCsv(30, 20);
        var folder = Path.Combine(raw, "trips");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "day2.csv.tmp"), second);
        File.Move(Path.Combine(folder, "day2.csv.tmp"), Path.Combine(folder, "day2.csv"));
        await api.WaitIdleAsync("trips", 2);
        var (third, thirdSum) = SampleData.TripsCsv(50, 10);
        await api.UploadAsync("trips", "day3.csv", third);
        var status = await api.WaitIdleAsync("trips", 3);

        Assert.Equal("Succeeded", status["lastRun"]!["state"]!.GetValue<string>());
        var row = Assert.Single(await api.QueryAsync("SELECT count(*), count(DISTINCT trip_id), sum(fare_amount) FROM trips"));
        Assert.Equal((60m, 60m, firstSum + secondSum + thirdSum), (PipelineClient.Number(row[0]), PipelineClient.Number(row[1]), PipelineClient.Number(row[2])));
        Assert.DoesNotContain("silo exited", host.Output, StringComparison.Ordinal);
    }
}
