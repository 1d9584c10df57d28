using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Engine;

public sealed class FileQuarantineTests : IDisposable
{
    readonly TempFolder _folder = new();
    readonly Lake _lake = new();

    static DatasetSpec Auto() => Specs.Spec(new DatasetDefinition { Format = "auto", Schema = new() { ["id"] = "INTEGER" } }, "mixed");

    [Fact]
    public async Task RunAsync_TruncatedParquetAndBinaryCsv_QuarantinesFilesAndProcessesGoodOne()
    {
        var good = _folder.Write("good.csv", "id,name\n1,a\n2,b\n");
        var parquet = _folder["cut.parquet"];
        _lake.Execute($"COPY (SELECT range AS id FROM range(1000)) TO '{parquet}' (FORMAT parquet)");
        var bytes = File.ReadAllBytes(parquet);
        File.WriteAllBytes(parquet, bytes[..(bytes.Length / 2)]);
        var junk = _folder["junk.csv"];
        File.WriteAllBytes(junk, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray());
        var request = Specs.Request(Auto(), _folder, [parquet, good, junk]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((2, 2, 0), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Equal(["raw/mixed/cut.parquet", "raw/mixed/junk.csv"], result.QuarantinedFiles.Select(q => q.SourceKey));
        Assert.Contains("cut.parquet", result.QuarantinedFiles[0].Reason, StringComparison.Ordinal);
        Assert.Contains("junk.csv", result.QuarantinedFiles[1].Reason, StringComparison.Ordinal);
        Assert.Equal(["1|a|raw/mixed/good.csv", "2|b|raw/mixed/good.csv"],
            _lake.Lines($"SELECT id, name, _source_file FROM {Lake.Parquet(request.OutputDir)} ORDER BY id"));
    }

    [Fact]
    public async Task RunAsync_JsonBrokenAfterSniffSample_SetsItsLastLineAsideOnly()
    {
        var good = _folder.Write("good.ndjson", "{\"id\": 1}\n{\"id\": 2}\n");
        var lines = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"{{\"id\": {i}}}\n"));
        var broken = _folder.Write("broken.ndjson", lines + "{\"id\": 30000, \n");
        var request = Specs.Request(Auto(), _folder, [good, broken]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal((30_002, 30_002, 1), (result.RowsIn, result.RowsWritten, result.LinesSetAside));
        Assert.Equal("30002", _lake.Value($"SELECT count(*) FROM {Lake.Parquet(request.OutputDir)}"));
    }

    [Fact]
    public async Task RunAsync_UnknownExtension_QuarantinesFile()
    {
        var request = Specs.Request(Auto(), _folder, [_folder.Write("a.csv", "id\n1\n"), _folder.Write("notes.xml", "<a/>")]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal("raw/mixed/notes.xml", Assert.Single(result.QuarantinedFiles).SourceKey);
        Assert.Equal(1, result.RowsWritten);
    }

    [Fact]
    public async Task RunAsync_NoUsableFile_SucceedsEmptyWithEveryFileQuarantined()
    {
        var request = Specs.Request(Auto(), _folder, [_folder.Write("a.parquet", "not parquet at all"), _folder.Write("b.csv", "\u0000\u0001junk")]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal(0, result.RowsWritten);
        Assert.Empty(result.Files);
        Assert.Contains(result.QuarantinedFiles, q => q.SourceKey == "raw/mixed/a.parquet" && q.Reason.Length > 0);
    }

    public void Dispose()
    {
        _lake.Dispose();
        _folder.Dispose();
    }
}
