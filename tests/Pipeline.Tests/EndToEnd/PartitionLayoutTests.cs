using System.Net;
using System.Text;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.EndToEnd;

/// <summary>Partition folders: names that need escaping, and a partitionBy that changes after data arrived.</summary>
public sealed class PartitionLayoutTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    PipelineClient Api => fixture.Client;

    [Fact]
    public async Task PartitionByChanged_LaterRunsUseTheNewFolders_QueriesViewsAndPrimaryKeySpanBothLayouts()
    {
        object Definition(string[] partitionBy) => new
        {
            format = "csv",
            schema = new Dictionary<string, string> { ["fare_amount"] = "DECIMAL(10,2)", ["pickup_datetime"] = "TIMESTAMP" },
            partitionBy,
            primaryKey = new[] { "trip_id" },
            views = new Dictionary<string, string> { ["fares_by_vendor"] = "SELECT vendor_id, count(*) AS trips, sum(fare_amount) AS fares FROM trips_repart GROUP BY 1" },
        };
        Assert.Equal(HttpStatusCode.Created, await Api.RegisterAsync("trips_repart", Definition(["vendor_id"])));
        var (first, firstSum) = SampleData.TripsCsv(0, 100);
        await Api.UploadAsync("trips_repart", "day1.csv", first);
        await Api.WaitIdleAsync("trips_repart", 1);

        Assert.Equal(HttpStatusCode.OK, await Api.RegisterAsync("trips_repart", Definition(["day(pickup_datetime)"])));
        var (second, secondSum) = SampleData.TripsCsv(100, 50);
        await Api.UploadAsync("trips_repart", "day2.csv", second);
        // trip 0 again with a new fare: the primary key keeps the latest arrival, across both layouts.
        await Api.UploadAsync("trips_repart", "fix.csv", Encoding.UTF8.GetBytes(
            "trip_id,vendor_id,pickup_datetime,passenger_count,fare_amount,store_and_fwd_flag\n0,1,2024-01-05 10:00:00,1,1000.00,N\n"));
        var status = await Api.WaitIdleAsync("trips_repart", 3);

        Assert.Equal("Succeeded", status["lastRun"]!["state"]!.GetValue<string>());
        var fareOfTrip0 = PipelineClient.Number(Assert.Single(await Api.QueryAsync("SELECT fare_amount FROM trips_repart WHERE trip_id = 0"))[0]);
        var row = Assert.Single(await Api.QueryAsync(
            "SELECT count(*), count(DISTINCT trip_id), sum(fare_amount), count(vendor_id), count(pickup_datetime_day) FROM trips_repart"));
        Assert.Equal(1000.00m, fareOfTrip0);
        var firstFareOfTrip0 = decimal.Parse(Encoding.UTF8.GetString(first).Split('\n')[1].Split(',')[4], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            (150m, 150m, firstSum + secondSum - firstFareOfTrip0 + 1000.00m, 150m, 51m),
            (PipelineClient.Number(row[0]), PipelineClient.Number(row[1]), PipelineClient.Number(row[2]), PipelineClient.Number(row[3]), PipelineClient.Number(row[4])));
        var view = Assert.Single(await Api.QueryAsync("SELECT sum(trips), sum(fares) FROM fares_by_vendor"));
        Assert.Equal((150m, PipelineClient.Number(row[2])), (PipelineClient.Number(view[0]), PipelineClient.Number(view[1])));
        var table = await Api.GetAsync("/api/tables/trips_repart");
        Assert.Equal(["pickup_datetime_day"], table["partitionKeys"]!.AsArray().Select(k => k!.GetValue<string>()));
    }

    [Fact]
    public async Task PartitionByColumnsWithSpacesAndPunctuation_FoldersEscaped_TableColumnsAndPartitionsKeepTheNames()
    {
        Assert.Equal(HttpStatusCode.Created, await Api.RegisterAsync("strikes", new
        {
            format = "csv",
            schema = new Dictionary<string, string> { ["Flight Date"] = "DATE", ["Cost Total $"] = "DECIMAL(12,2)" },
            partitionBy = new[] { "year(Flight Date)", "Origin State" },
        }));
        await Api.UploadAsync("strikes", "strikes.csv", Encoding.UTF8.GetBytes(
            "Airport Name,Origin State,Flight Date,Cost Total $\r\nDENVER INTL,Colorado,2000-01-05,120.50\r\n" +
            "SAN ANTONIO INTL,Texas,2001-03-09,99.00\r\nDALLAS/FORT WORTH,Texas,2001-07-01,0.50\r\nN/A,New Mexico/Arizona,1999-12-31,10.00\r\n"));
        var status = await Api.WaitIdleAsync("strikes", 1);

        Assert.Equal("Succeeded", status["lastRun"]!["state"]!.GetValue<string>());
        var rows = await Api.QueryAsync(
            "SELECT \"Flight Date_year\", \"Origin State\", count(*), sum(\"Cost Total $\") FROM strikes GROUP BY ALL ORDER BY ALL");
        Assert.Equal(["1999|New Mexico/Arizona|1|10.00", "2000|Colorado|1|120.50", "2001|Texas|2|99.50"],
            rows.Select(r => string.Join("|", r.Select(v => v!.ToString()))));
        var table = await Api.GetAsync("/api/tables/strikes");
        Assert.Equal(["Flight Date_year", "Origin State"], table["partitionKeys"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Contains(table["partitions"]!.AsArray(), p => p!["values"]!["Origin State"]?.GetValue<string>() == "New Mexico/Arizona");
        Assert.Contains(table["columns"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "Origin State");
        Assert.DoesNotContain(table["columns"]!.AsArray(), c => c!["name"]!.GetValue<string>().Contains('%', StringComparison.Ordinal));
    }
}
