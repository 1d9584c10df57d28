using Pipeline.Core.Datasets;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Engine;

public sealed class MixedInputTests : IDisposable
{
    readonly TempFolder _folder = new();
    readonly Lake _lake = new();

    [Fact]
    public async Task RunAsync_FilesWithDifferentColumns_UnionsByNameWithNullsAndWidenedTypes()
    {
        var a = _folder.Write("a.csv", "id,score\n1,7\n");
        var b = _folder.Write("b.tsv", "id\tscore\textra\n2\t7.5\tmaybe\n");
        var request = Specs.Request(Specs.Spec(new DatasetDefinition { Format = "auto" }, "mixed"), _folder, [a, b]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal(["run-1_0.parquet"], result.Files.Select(f => f.RelativePath));
        var output = $"SELECT id, score, extra FROM {Lake.Parquet(request.OutputDir)}";
        Assert.Equal(["BIGINT", "DOUBLE", "VARCHAR"], _lake.Types(output).Values);
        Assert.Equal(["1|7.0|NULL", "2|7.5|maybe"], _lake.Lines(output + " ORDER BY id"));
    }

    [Fact]
    public async Task RunAsync_NamesDifferingInCase_AreOneColumn()
    {
        var a = _folder.Write("a.csv", "ID,Fare\n1,2.50\n");
        var b = _folder.Write("b.csv", "id,fare\n2,3.25\n");
        var spec = Specs.Spec(new DatasetDefinition { Format = "csv", Schema = new() { ["FARE"] = "DECIMAL(6,2)" }, PrimaryKey = ["id"] }, "mixed");
        var request = Specs.Request(spec, _folder, [a, b]);

        await new DuckDbTransformEngine().RunAsync(request);

        var output = $"SELECT * EXCLUDE (_source_file, _ingested_at, _run_id) FROM {Lake.Parquet(request.OutputDir)}";
        Assert.Equal(new Dictionary<string, string> { ["ID"] = "BIGINT", ["Fare"] = "DECIMAL(6,2)" }, _lake.Types(output));
        Assert.Equal(["1|2.50", "2|3.25"], _lake.Lines(output + " ORDER BY 1"));
    }

    [Fact]
    public async Task RunAsync_CsvWithRaggedLine_SetsThatLineAsideAndKeepsBothFiles()
    {
        var good = _folder.Write("good.csv", "id,name\n1,a\n");
        var ragged = _folder.Write("ragged.csv", "id,name\n" + string.Concat(Enumerable.Range(2, 30_000).Select(i => $"{i},n{i}\n")) + "9,x,y,z\n");
        var request = Specs.Request(Specs.Spec(new DatasetDefinition { Format = "csv" }, "mixed"), _folder, [good, ragged]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal((30_001, 30_001, 1), (result.RowsIn, result.RowsWritten, result.LinesSetAside));
        Assert.Equal([1, 30_000], result.Sources.Select(s => s.RowsRead));
    }

    [Fact]
    public async Task RunAsync_DayMonthYearDates_StayText()
    {
        var request = Specs.Request(Specs.Spec(new DatasetDefinition { Format = "csv" }, "mixed"), _folder,
            [_folder.Write("a.csv", "id,seen\n1,31/01/2024\n2,01/02/2024\n")]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((2, 0), (result.RowsWritten, result.RowsQuarantined));
        Assert.Equal(["31/01/2024", "01/02/2024"], _lake.Lines($"SELECT seen FROM {Lake.Parquet(request.OutputDir)} ORDER BY id"));
    }

    [Fact]
    public async Task RunAsync_IdentityPartitionNullOrSpecial_UsesHiveDefaultAndEncodedFolders()
    {
        var request = Specs.Request(Specs.Spec(new DatasetDefinition { Format = "csv", PartitionBy = ["zone"] }, "mixed"), _folder,
            [_folder.Write("a.csv", "id,zone\n1,New York/East\n2,\n")]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((2, 0), (result.RowsWritten, result.RowsQuarantined));
        Assert.Equal(["New York/East", "__HIVE_DEFAULT_PARTITION__"], result.Files.Select(f => f.Partition["zone"]).Order(StringComparer.Ordinal));
        Assert.Equal(["1|New York/East", "2|NULL"], _lake.Lines($"SELECT id, zone FROM {Lake.Parquet(request.OutputDir)} ORDER BY id"));
    }

    [Fact]
    public async Task RunAsync_TimestampWithZone_PartitionsByUtcDay()
    {
        var spec = Specs.Spec(new DatasetDefinition
        {
            Format = "csv",
            Schema = new() { ["at"] = "TIMESTAMPTZ" },
            PartitionBy = ["day(at)"],
        }, "mixed");
        var request = Specs.Request(spec, _folder, [_folder.Write("a.csv", "id,at\n1,2024-01-01 23:30:00-05:00\n2,2024-01-01 10:00:00+02:00\n")]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal(["at_day=2024-01-01/run-1_0.parquet", "at_day=2024-01-02/run-1_0.parquet"], result.Files.Select(f => f.RelativePath));
        Assert.Equal(["1|2024-01-02 04:30:00+00|2024-01-02"], _lake.Lines($"SELECT id, \"at\", at_day FROM {Lake.Parquet(request.OutputDir)} WHERE id = 1"));
    }

    [Fact]
    public async Task RunAsync_ManySmallFiles_StagesEachFileAndKeepsEveryRow()
    {
        var files = Enumerable.Range(0, 70).Select(i => _folder.Write($"in/f{i:D2}.csv", $"id,v\n{i},{i * 2}\n")).ToList();
        files.Add(_folder.Write("in/bad.csv", "id,v\n999,not-a-number\n"));
        var spec = Specs.Spec(new DatasetDefinition { Format = "csv", Schema = new() { ["v"] = "INTEGER" } }, "mixed");
        var request = Specs.Request(spec, _folder, files);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((71, 70, 1), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Equal("4830", _lake.Value($"SELECT sum(v) FROM {Lake.Parquet(request.OutputDir)}"));
    }

    [Fact]
    public async Task RunAsync_EmptyAndHeaderOnlyFiles_AddNothingAndKeepTypes()
    {
        var files = new[]
        {
            _folder.Write("a.csv", "id,score\n1,2.5\n"),
            _folder.Write("header.csv", "id,score,ghost\n"),
            _folder.Write("zero.csv", ""),
            _folder.Write("none.json", "[]"),
        };
        var request = Specs.Request(Specs.Spec(new DatasetDefinition { Format = "auto" }, "mixed"), _folder, files);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal((1, 1), (result.RowsIn, result.RowsWritten));
        var output = $"SELECT * EXCLUDE (_source_file, _ingested_at, _run_id) FROM {Lake.Parquet(request.OutputDir)}";
        Assert.Equal(new Dictionary<string, string> { ["id"] = "BIGINT", ["score"] = "DOUBLE" }, _lake.Types(output));
    }

    [Fact]
    public async Task RunAsync_OnlyEmptyFiles_SucceedsWithNothingWritten()
    {
        var request = Specs.Request(Specs.Taxi(), _folder, [_folder.Write("zero.csv", "")]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((0, 0, 0), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Empty(result.Files);
    }

    public void Dispose()
    {
        _lake.Dispose();
        _folder.Dispose();
    }
}
