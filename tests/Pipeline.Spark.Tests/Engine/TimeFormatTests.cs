using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Sql;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Engine;

/// <summary>The dataset's timestampFormat and dateFormat: text times in a house format become real TIMESTAMP and DATE values.</summary>
public sealed class TimeFormatTests : IDisposable
{
    readonly TempFolder _folder = new();
    readonly Lake _lake = new();

    static DatasetSpec Spec(string format, Dictionary<string, string>? schema = null, List<string>? partitionBy = null) => Specs.Spec(new DatasetDefinition
    {
        Format = format,
        Schema = schema,
        PartitionBy = partitionBy,
        TimestampFormat = "%m/%d/%Y %I:%M %p",
        DateFormat = "%b %d %Y",
    }, "visits");

    [Fact]
    public async Task RunAsync_CsvInHouseFormats_DeclaredColumnsTypedIsoAlsoReadAndBadValueQuarantinedWithReason()
    {
        var csv = "id,seen,released\n1,01/02/2024 08:15 PM,Jun 12 1998\n2,2024-01-03 09:00:00,1999-12-31\n3,13/45/2024 99:00 PM,Jul 04 2001\n";
        var spec = Spec("csv", new() { ["seen"] = "TIMESTAMP", ["released"] = "DATE" }, ["day(seen)"]);
        var request = Specs.Request(spec, _folder, [_folder.Write("visits.csv", csv)]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((3, 2, 1), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Equal(
            ["1|2024-01-02 20:15:00|1998-06-12|2024-01-02", "2|2024-01-03 09:00:00|1999-12-31|2024-01-03"],
            _lake.Lines($"SELECT id, seen, released, seen_day FROM {Lake.Parquet(request.OutputDir)} ORDER BY id"));
        Assert.Equal(("TIMESTAMP", "DATE"), Types(request));
        Assert.Equal("seen: '13/45/2024 99:00 PM' is not TIMESTAMP; seen_day: seen '13/45/2024 99:00 PM' is not a timestamp",
            _lake.Value($"SELECT _reason FROM {Lake.Json(request.QuarantineDir)}"));
    }

    [Fact]
    public async Task RunAsync_JsonInHouseFormats_EveryValueFits_WrittenTyped()
    {
        var json = """[{"id": 1, "seen": "01/02/2024 08:15 AM", "released": "Jun 12 1998"}, {"id": 2, "seen": "12/31/2023 11:59 PM", "released": "Jan 01 2000"}]""";
        var spec = Spec("json", new() { ["seen"] = "TIMESTAMP", ["released"] = "DATE" });
        var request = Specs.Request(spec, _folder, [_folder.Write("visits.json", json)]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((2, 2, 0), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Equal(["1|2024-01-02 08:15:00|1998-06-12", "2|2023-12-31 23:59:00|2000-01-01"],
            _lake.Lines($"SELECT id, seen, released FROM {Lake.Parquet(request.OutputDir)} ORDER BY id"));
        Assert.Equal(("TIMESTAMP", "DATE"), Types(request));
    }

    [Fact]
    public async Task RunAsync_FormatsSet_UndeclaredIsoColumnStillInferredAsTimestamp()
    {
        var csv = "id,ts,seen\n1,2024-01-02 08:15:00,01/02/2024 08:15 PM\n2,2024-02-29 00:00:00,02/29/2024 12:00 AM\n";
        var request = Specs.Request(Spec("csv", new() { ["seen"] = "TIMESTAMP" }), _folder, [_folder.Write("visits.csv", csv)]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((2, 2, 0), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        var types = _lake.Types($"SELECT ts, seen FROM {Lake.Parquet(request.OutputDir)}");
        Assert.Equal(("TIMESTAMP", "TIMESTAMP"), (types["ts"], types["seen"]));
        Assert.Equal("2024-02-29 00:00:00|2024-02-29 00:00:00", _lake.Lines($"SELECT ts, seen FROM {Lake.Parquet(request.OutputDir)} WHERE id = 2").Single());
    }

    [Fact]
    public async Task RunAsync_TimestampFormatWithOffset_ConvertedToUtc()
    {
        var spec = Specs.Spec(new DatasetDefinition { Format = "csv", Schema = new() { ["ts"] = "TIMESTAMP" }, TimestampFormat = "%d.%m.%Y %H:%M %z" }, "visits");
        var request = Specs.Request(spec, _folder, [_folder.Write("visits.csv", "id,ts\n1,02.01.2024 08:15 +02:00\n")]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((1, 1, 0), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Equal("2024-01-02 06:15:00", _lake.Value($"SELECT ts FROM {Lake.Parquet(request.OutputDir)}"));
    }

    [Fact]
    public void SparkSql_InHouseFormats_ParsedWithTheJavaPatternOrIso()
    {
        var spec = Spec("csv", new() { ["seen"] = "TIMESTAMP", ["released"] = "DATE" });
        var input = new TransformInput("/lake/raw/visits/v.csv", "raw/visits/v.csv", 1);
        var request = new TransformRequest(spec, "run-1", Specs.IngestedAt, [input], "/out", "/q");
        var schema = new SourceSchema(input, SourceFormat.Csv, [new SourceColumn("seen", "VARCHAR"), new SourceColumn("released", "VARCHAR")]);

        var script = SparkSqlCompiler.Compile(request, [schema]);

        Assert.Contains("coalesce(CAST(try_to_timestamp(`seen`, 'MM/dd/yyyy hh:mm a') AS TIMESTAMP_NTZ), TRY_CAST(`seen` AS TIMESTAMP_NTZ))", script, StringComparison.Ordinal);
        Assert.Contains("coalesce(CAST(try_to_timestamp(`released`, 'MMM dd yyyy') AS DATE), TRY_CAST(`released` AS DATE))", script, StringComparison.Ordinal);
    }

    (string, string) Types(TransformRequest request)
    {
        var types = _lake.Types($"SELECT seen, released FROM {Lake.Parquet(request.OutputDir)}");
        return (types["seen"], types["released"]);
    }

    public void Dispose()
    {
        _lake.Dispose();
        _folder.Dispose();
    }
}
