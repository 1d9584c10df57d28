using System.IO.Compression;
using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Engine;

public sealed class CsvTransformTests : IDisposable
{
    const string Taxi = """
        vendor_id,pickup_datetime,fare_amount,zone
        1,2024-01-02 08:15:00,12.50, Midtown 
        1,2024-01-02 23:59:59,7.25,Harlem
        2,2024-01-02 10:00:00,30.00,JFK
        1,2024-01-03 00:00:01,5.00,Soho
        2,2024-01-03 09:30:00,18.75,
        """;

    readonly TempFolder _folder = new();
    readonly Lake _lake = new();

    [Fact]
    public async Task RunAsync_DeclaredTypesAndPartitions_WritesHiveFoldersWithExactCountsAndSums()
    {
        var request = Specs.Request(Specs.Taxi(), _folder, [_folder.Write("trips.csv", Taxi)]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal(5, result.RowsIn);
        Assert.Equal(5, result.RowsWritten);
        Assert.Equal(0, result.RowsQuarantined);
        Assert.Equal(
            ["vendor_id=1/pickup_datetime_day=2024-01-02/run-1_0.parquet", "vendor_id=1/pickup_datetime_day=2024-01-03/run-1_0.parquet",
             "vendor_id=2/pickup_datetime_day=2024-01-02/run-1_0.parquet", "vendor_id=2/pickup_datetime_day=2024-01-03/run-1_0.parquet"],
            result.Files.Select(f => f.RelativePath));
        var first = result.Files[0];
        Assert.Equal(2, first.Rows);
        Assert.Equal(new Dictionary<string, string> { ["vendor_id"] = "1", ["pickup_datetime_day"] = "2024-01-02" }, first.Partition);
        Assert.Equal(new FileInfo(Path.Combine(request.OutputDir, first.RelativePath)).Length, first.Bytes);

        var sums = _lake.Lines($"SELECT vendor_id, pickup_datetime_day, count(*), sum(fare_amount) FROM {Lake.Parquet(request.OutputDir)} GROUP BY ALL ORDER BY ALL");
        Assert.Equal(["1|2024-01-02|2|19.75", "1|2024-01-03|1|5.00", "2|2024-01-02|1|30.00", "2|2024-01-03|1|18.75"], sums);
        var types = _lake.Types($"SELECT * FROM read_parquet('{request.OutputDir}/*/*/*.parquet')");
        Assert.Equal("DECIMAL(10,2)", types["fare_amount"]);
        Assert.Equal("TIMESTAMP", types["pickup_datetime"]);
    }

    [Fact]
    public async Task RunAsync_FareNotANumber_QuarantinesRowWithReasonNamingColumnAndValue()
    {
        var csv = Taxi + "\n2,2024-01-02 11:00:00,abc,Queens\n";
        var request = Specs.Request(Specs.Taxi(), _folder, [_folder.Write("trips.csv", csv)]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((6, 5, 1), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Equal("5", _lake.Value($"SELECT count(*) FROM {Lake.Parquet(request.OutputDir)}"));
        Assert.Equal("73.50", _lake.Value($"SELECT sum(fare_amount) FROM {Lake.Parquet(request.OutputDir)}"));
        var bad = _lake.Lines($"SELECT fare_amount, zone, _reason, _source_file FROM {Lake.Json(request.QuarantineDir)}");
        Assert.Equal(["abc|Queens|fare_amount: 'abc' is not DECIMAL(10,2)|raw/taxi/trips.csv"], bad);
    }

    [Fact]
    public async Task RunAsync_RowsFailingSeveralChecks_SummarizesEachCheckWithCountAndExampleMostFirst()
    {
        var csv = Taxi + "\n2,2024-01-02 11:00:00,abc,Queens\n1,2024-01-02 12:00:00,n/a,Bronx\nx,2024-01-02 13:00:00,1.00,Soho\n";
        var request = Specs.Request(Specs.Taxi(), _folder, [_folder.Write("trips.csv", csv)]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((8, 5, 3), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Equal<RowFault>(
            [new RowFault(2, "fare_amount: 'abc' is not DECIMAL(10,2)"), new RowFault(1, "vendor_id: 'x' is not INTEGER")],
            result.RowFaults!);
    }

    [Fact]
    public async Task RunAsync_PickupMissing_QuarantinesRowForDerivedPartition()
    {
        var csv = Taxi + "\n2,,9.00,Queens\n";
        var request = Specs.Request(Specs.Taxi(), _folder, [_folder.Write("trips.csv", csv)]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((6, 5, 1), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Equal("pickup_datetime_day: pickup_datetime is NULL", _lake.Value($"SELECT _reason FROM {Lake.Json(request.QuarantineDir)}"));
        Assert.DoesNotContain(result.Files, f => f.RelativePath.Contains("__HIVE_DEFAULT_PARTITION__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_TrimStringsDefault_TrimsTextValues()
    {
        var request = Specs.Request(Specs.Taxi(), _folder, [_folder.Write("trips.csv", Taxi)]);

        await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal("Midtown", _lake.Value($"SELECT zone FROM {Lake.Parquet(request.OutputDir)} WHERE fare_amount = 12.50"));
    }

    [Fact]
    public async Task RunAsync_TrimStringsOff_KeepsSpaces()
    {
        var spec = Specs.Taxi() with { TrimStrings = false };
        var request = Specs.Request(spec, _folder, [_folder.Write("trips.csv", Taxi)]);

        await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal(" Midtown ", _lake.Value($"SELECT zone FROM {Lake.Parquet(request.OutputDir)} WHERE fare_amount = 12.50"));
    }

    [Fact]
    public async Task RunAsync_GzipInput_ReadsLikePlainCsv()
    {
        var path = _folder["trips.csv.gz"];
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.Write(Taxi);
        }

        var request = Specs.Request(Specs.Spec(new DatasetDefinition { Format = "auto", PartitionBy = ["vendor_id"] }), _folder, [path]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((5, 5), (result.RowsIn, result.RowsWritten));
        Assert.Equal(["vendor_id=1/run-1_0.parquet", "vendor_id=2/run-1_0.parquet"], result.Files.Select(f => f.RelativePath));
    }

    [Fact]
    public async Task RunAsync_AnyInput_AddsLineageColumns()
    {
        var request = Specs.Request(Specs.Taxi(), _folder, [_folder.Write("trips.csv", Taxi)], runId: "run 7/b");

        var result = await new DuckDbTransformEngine().RunAsync(request);

        var source = Lake.Parquet(request.OutputDir);
        Assert.Equal(["raw/taxi/trips.csv|2024-03-01 12:30:45.123456+00|run 7/b|5"],
            _lake.Lines($"SELECT _source_file, _ingested_at, _run_id, count(*) FROM {source} GROUP BY ALL"));
        var types = _lake.Types($"SELECT _source_file, _ingested_at, _run_id FROM {source}");
        Assert.Equal(["VARCHAR", "TIMESTAMP WITH TIME ZONE", "VARCHAR"], types.Values);
        Assert.All(result.Files, f => Assert.StartsWith("run_7_b_", Path.GetFileName(f.RelativePath), StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_UndeclaredColumns_KeepInferredTypes()
    {
        var csv = "id;score;seen;note\n1;2.5;2024-05-01;NA\n2;NA;2024-05-02;x\n";
        var spec = Specs.Spec(new DatasetDefinition { Format = "csv", Csv = new CsvOptions { Delimiter = ";", NullString = "NA" } });
        var request = Specs.Request(spec, _folder, [_folder.Write("t.csv", csv)]);

        await new DuckDbTransformEngine().RunAsync(request);

        var output = $"SELECT * EXCLUDE (_source_file, _ingested_at, _run_id) FROM {Lake.Parquet(request.OutputDir)}";
        Assert.Equal(["BIGINT", "DOUBLE", "DATE", "VARCHAR"], _lake.Types(output).Values);
        Assert.Equal(["1|2.5|2024-05-01|NULL", "2|NULL|2024-05-02|x"], _lake.Lines(output + " ORDER BY id"));
    }

    [Fact]
    public async Task RunAsync_SameRequestTwice_ReplacesOutputWithoutDuplicates()
    {
        var request = Specs.Request(Specs.Taxi(), _folder, [_folder.Write("trips.csv", Taxi + "\n2,2024-01-02 11:00:00,abc,Queens\n")]);
        var engine = new DuckDbTransformEngine();

        var first = await engine.RunAsync(request);
        _folder.Write("out/stale.parquet", "left over by a crashed attempt");
        var second = await engine.RunAsync(request);

        Assert.Equal(first.Files, second.Files, (a, b) => a.RelativePath == b.RelativePath && a.Rows == b.Rows);
        Assert.Equal((first.RowsWritten, first.RowsQuarantined), (second.RowsWritten, second.RowsQuarantined));
        Assert.Equal("5", _lake.Value($"SELECT count(*) FROM {Lake.Parquet(request.OutputDir)}"));
        Assert.Equal("1", _lake.Value($"SELECT count(*) FROM {Lake.Json(request.QuarantineDir)}"));
        Assert.False(File.Exists(_folder["out/stale.parquet"]));
    }

    public void Dispose()
    {
        _lake.Dispose();
        _folder.Dispose();
    }
}
