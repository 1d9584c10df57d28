using System.Globalization;
using System.Text;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Sql;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.BadInput;

public sealed class JsonBadInputTests : IDisposable
{
    readonly BadInputRun _run = new();

    [Theory]
    [InlineData("bad.ndjson", "{\"id\": 1, \"name\": \"a\"}\n{id: 2}\n", "record 2 is not valid JSON: unexpected character at byte 2 of the record; 1 of its 2 records is malformed, more than the dataset's maxBadLineRatio (0.1) allows")]
    [InlineData("bad.ndjson", "{\"id\": 1, \"name\": \"a\"}\n{\"id\": 2, \"na", "record 2 is cut short (the data ends inside it); 1 of its 2 records is malformed, more than the dataset's maxBadLineRatio (0.1) allows")]
    [InlineData("bad.json", "[{\"id\": 1, \"name\": \"a\"}, {id: 2}]", "record 2 is not valid JSON: unexpected character at byte 2 of the record")]
    [InlineData("bad.json", "[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"na", "record 2 is cut short (the data ends inside it)")]
    [InlineData("bad.ndjson", "{\"id\": 1}\n[1, 2]\n", "a record is not a JSON object (each line, or each element of the top-level array, must be an object); 1 of its 2 records is malformed, more than the dataset's maxBadLineRatio (0.1) allows")]
    public async Task RunAsync_InvalidOrTruncatedJson_QuarantinesFileNamingTheRecord(string name, string content, string problem)
    {
        var result = await _run.RunAsync(_run.Folder.Write(name, content));

        Assert.Equal($"invalid JSON in {name}: {problem}", _run.AssertOnlyQuarantined(result, name));
    }

    [Fact]
    public async Task RunAsync_BrokenAfterSniffSample_SetsThatLineAsideAndLandsTheRest()
    {
        var lines = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"{{\"id\": {i}, \"name\": \"n\"}}\n"));

        var result = await _run.RunAsync(_run.Folder.Write("bad.ndjson", lines + "{\"id\": 30000, \n"));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal((30_002L, 1L), (result.RowsWritten, result.LinesSetAside));
        Assert.Equal(["raw/bad/bad.ndjson|30001|the record is cut short (the line ends inside it)|{\"id\": 30000, "], _run.SetAsideLines());
    }

    [Fact]
    public async Task RunAsync_OneBadRecordAmongMany_SetsItAsideWithItsLineAndReason()
    {
        var lines = Enumerable.Range(1, 20).Select(i => $"{{\"id\": {i}, \"name\": \"n{i}\"}}").ToList();
        lines[6] = "{\"id\": 7, \"name\": n7}";

        var result = await _run.RunAsync(_run.Folder.Write("bad.ndjson", string.Join("\n", lines) + "\n"));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal(21, _run.Rows().Count);
        Assert.DoesNotContain(_run.Rows(), r => r.StartsWith("7|", StringComparison.Ordinal));
        Assert.Equal(["raw/bad/bad.ndjson|7|invalid JSON: 'n7}' is an invalid JSON literal. Expected the literal 'null' (at byte 19 of the line)|" +
            "{\"id\": 7, \"name\": n7}"], _run.SetAsideLines());
    }

    [Fact]
    public async Task RunAsync_Latin1Text_QuarantinesFileAsNotUtf8()
    {
        var result = await _run.RunAsync(_run.Write("bad.ndjson", Encoding.Latin1.GetBytes("{\"id\": 1, \"name\": \"café\"}\n")));

        Assert.Equal("invalid JSON in bad.ndjson: line 1 is not UTF-8 text (byte 0xE9 at offset 22: Latin-1 or Windows-1252?); it must be UTF-8",
            _run.AssertOnlyQuarantined(result, "bad.ndjson"));
    }

    [Theory]
    [InlineData("bom.ndjson", "{\"id\": 1, \"name\": \"a\"}\n")]
    [InlineData("bom.json", "[{\"id\": 1, \"name\": \"a\"}]")]
    public async Task RunAsync_Utf8ByteOrderMark_ReadsTheRecords(string name, string content)
    {
        var result = await _run.RunAsync(_run.Write(name, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(content)]));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal([$"1|a|raw/bad/{name}", .. _run.GoodRows], _run.Rows());
    }

    [Fact]
    public async Task RunAsync_Nested200Deep_WritesTheRowKeepingLevelsBeyondTypingAsJsonText()
    {
        const int depth = 200;
        var nested = string.Concat(Enumerable.Repeat("{\"a\": ", depth)) + "1" + new string('}', depth);

        var result = await _run.RunAsync(_run.Folder.Write("deep.ndjson", $"{{\"id\": 5, \"name\": \"e\", \"deep\": {nested}}}\n"));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal(["5|e|raw/bad/deep.ndjson", .. _run.GoodRows], _run.Rows());
        var output = $"SELECT * EXCLUDE (id, name, _source_file, _ingested_at, _run_id) FROM {Lake.Parquet(_run.Request.OutputDir)} WHERE id = 5";
        var (column, type) = Assert.Single(_run.Lake.Types(output));
        Assert.Equal("JSON", type);
        // Every level is still there: the typed ones in the flattened column name, the rest as JSON text.
        var typed = column.Split('_').Length - 1;
        var rest = _run.Lake.Value($"SELECT length(\"{column}\") - length(replace(\"{column}\", '{{', '')) FROM ({output})");
        Assert.InRange(typed, 1, DuckDbReads.MaxJsonTypeDepth);
        Assert.Equal((depth - typed).ToString(CultureInfo.InvariantCulture), rest);
    }

    [Fact]
    public async Task RunAsync_NestedBeyondWhatDuckDbSurvives_QuarantinesFileBeforeReadingIt()
    {
        // 20,000 levels overflow DuckDB's stack while it infers types, which would kill the process.
        const int depth = 20_000;
        const string prefix = "{\"id\": 5, \"deep\": ";
        var nested = string.Concat(Enumerable.Repeat("{\"a\": ", depth)) + "1" + new string('}', depth);

        var result = await _run.RunAsync(_run.Folder.Write("deep.ndjson", $"{prefix}{nested}}}\n"));

        var offset = prefix.Length + (JsonNesting.MaxDepth - 1) * "{\"a\": ".Length;
        Assert.Equal($"invalid JSON in deep.ndjson: values are nested more than 1000 levels deep (at byte {offset}), more than the reader takes",
            _run.AssertOnlyQuarantined(result, "deep.ndjson"));
    }

    [Fact]
    public async Task RunAsync_DeepRecordAfterSampledRecords_WritesItWithoutCrashing()
    {
        // Past the records DuckDB samples for types it follows the inferred types and keeps the rest as text.
        static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\": ", depth)) + "1" + new string('}', depth);
        var shallow = string.Concat(Enumerable.Range(0, 41_000).Select(i => $"{{\"id\": {i}, \"name\": \"n\", \"deep\": {Nested(40)}}}\n"));

        var result = await _run.RunAsync(_run.Folder.Write("deep.ndjson", $"{shallow}{{\"id\": -1, \"name\": \"d\", \"deep\": {Nested(20_000)}}}\n"));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal((41_003, 41_003), (result.RowsIn, result.RowsWritten));
        _run.AssertGoodRowsWritten();
    }

    [Fact]
    public async Task RunAsync_TypeChangesAfterSampledRecords_QuarantinesFileNamingTheLine()
    {
        var lines = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"{{\"id\": {i}, \"name\": \"n\"}}\n"));

        var result = await _run.RunAsync(_run.Folder.Write("bad.ndjson", lines + "{\"id\": {\"x\": 1}, \"name\": \"n\"}\n"));

        Assert.Equal("invalid JSON in bad.ndjson: line 30001 has a value that does not fit the type the reader inferred from the records " +
            "before it (Failed to cast value to numerical: {\"x\":1})", _run.AssertOnlyQuarantined(result, "bad.ndjson"));
    }

    public void Dispose() => _run.Dispose();
}
