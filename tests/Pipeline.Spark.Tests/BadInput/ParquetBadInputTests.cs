namespace Pipeline.Spark.Tests.BadInput;

public sealed class ParquetBadInputTests : IDisposable
{
    readonly BadInputRun _run = new();

    string WriteParquet(string name, int rows)
    {
        var path = _run.Folder[name];
        _run.Lake.Execute($"COPY (SELECT range AS id, 'n' || range AS name FROM range({rows})) TO '{path}' (FORMAT parquet, COMPRESSION zstd)");
        return path;
    }

    [Fact]
    public async Task RunAsync_TruncatedParquet_QuarantinesFileAsCutShort()
    {
        var path = WriteParquet("cut.parquet", 1000);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var result = await _run.RunAsync(path);

        Assert.Equal("invalid Parquet in cut.parquet: the file is cut short: its Parquet footer is missing (it does not end with PAR1)",
            _run.AssertOnlyQuarantined(result, "cut.parquet"));
    }

    [Fact]
    public async Task RunAsync_TextNamedParquet_QuarantinesFileAsNotParquet()
    {
        var result = await _run.RunAsync(_run.Folder.Write("text.parquet", "id,name\n1,a\n"));

        Assert.Equal("invalid Parquet in text.parquet: not a Parquet file (it does not start with PAR1)", _run.AssertOnlyQuarantined(result, "text.parquet"));
    }

    [Fact]
    public async Task RunAsync_CorruptDataPages_QuarantinesFileWithDuckDbsReason()
    {
        var path = WriteParquet("corrupt.parquet", 100_000);
        var bytes = File.ReadAllBytes(path);
        for (var i = 100; i < bytes.Length / 2; i += 7)
        {
            bytes[i] = (byte)(bytes[i] * 31 + 7);
        }

        File.WriteAllBytes(path, bytes);

        var result = await _run.RunAsync(path);

        Assert.Equal("invalid Parquet in corrupt.parquet: its data cannot be read (ZSTD Decompression failure)",
            _run.AssertOnlyQuarantined(result, "corrupt.parquet"));
    }

    public void Dispose() => _run.Dispose();
}
