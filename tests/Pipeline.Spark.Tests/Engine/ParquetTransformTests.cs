using Pipeline.Core.Datasets;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Engine;

public sealed class ParquetTransformTests : IDisposable
{
    readonly TempFolder _folder = new();
    readonly Lake _lake = new();

    [Fact]
    public async Task RunAsync_ParquetInput_CastsDeclaredAndPartitionsByHour()
    {
        var input = _folder["in/readings.parquet"];
        Directory.CreateDirectory(_folder["in"]);
        _lake.Execute($$"""
            COPY (SELECT i AS sensor, TIMESTAMP '2024-06-01 10:00:00' + INTERVAL (i * 30) MINUTE AS at, i * 1.5 AS value,
                         {'unit': 'C', 'ok': i % 2 = 0} AS meta
                  FROM range(4) t(i)) TO '{{input}}' (FORMAT parquet)
            """);
        var spec = Specs.Spec(new DatasetDefinition
        {
            Format = "parquet",
            Schema = new() { ["value"] = "DOUBLE", ["sensor"] = "INTEGER" },
            PartitionBy = ["hour(at)"],
        }, "readings");
        var request = Specs.Request(spec, _folder, [input]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((4, 4, 0), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Equal(["at_hour=2024-06-01-10/run-1_0.parquet", "at_hour=2024-06-01-11/run-1_0.parquet"], result.Files.Select(f => f.RelativePath));
        var output = $"SELECT sensor, value, meta_unit, meta_ok, at_hour FROM {Lake.Parquet(request.OutputDir)}";
        Assert.Equal(["INTEGER", "DOUBLE", "VARCHAR", "BOOLEAN", "VARCHAR"], _lake.Types(output).Values);
        Assert.Equal(["0|0.0|C|true|2024-06-01-10", "1|1.5|C|false|2024-06-01-10", "2|3.0|C|true|2024-06-01-11", "3|4.5|C|false|2024-06-01-11"],
            _lake.Lines(output + " ORDER BY sensor"));
    }

    public void Dispose()
    {
        _lake.Dispose();
        _folder.Dispose();
    }
}
