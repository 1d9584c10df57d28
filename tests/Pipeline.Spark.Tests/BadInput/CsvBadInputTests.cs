using System.Text;
using Pipeline.Core.Transform;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.BadInput;

public sealed class CsvBadInputTests : IDisposable
{
    const string Utf16Hint = "it must be UTF-8, or the dataset must declare its encoding (\"csv\": {\"encoding\": \"utf-16\"})";

    readonly BadInputRun _run = new();

    // Past DuckDB's sniffing sample (20,480 rows): the file sniffs fine and breaks while it is read.
    static string ManyRows() => "id,name\n" + string.Concat(Enumerable.Range(2, 30_000).Select(i => $"{i},n{i}\n"));

    [Fact]
    public async Task RunAsync_UnbalancedQuote_QuarantinesFileNamingTheLine()
    {
        var result = await _run.RunAsync(_run.Folder.Write("bad.csv", "id,name\n1,abc\n2,\"def\n3,ghi\n"));

        Assert.Equal("invalid CSV in bad.csv: line 3 opens a quoted value that is never closed: 2,\"def; 1 of its 3 records is malformed, more than the dataset's maxBadLineRatio (0.1) allows",
            _run.AssertOnlyQuarantined(result, "bad.csv"));
    }

    [Fact]
    public async Task RunAsync_TooManyFields_QuarantinesFileNamingTheLine()
    {
        var result = await _run.RunAsync(_run.Folder.Write("bad.csv", "id,name\n1,a\n2,b,extra\n3,c\n"));

        Assert.Equal("invalid CSV in bad.csv: line 3 has more than the 2 fields expected: 2,b,extra; 1 of its 3 records is malformed, more than the dataset's maxBadLineRatio (0.1) allows", _run.AssertOnlyQuarantined(result, "bad.csv"));
    }

    [Fact]
    public async Task RunAsync_TooFewFields_QuarantinesFileNamingTheLine()
    {
        var result = await _run.RunAsync(_run.Folder.Write("bad.csv", "id,name\n1,a\n2\n3,c\n"));

        Assert.Equal("invalid CSV in bad.csv: line 3 has 1 field where 2 are expected: 2; 1 of its 3 records is malformed, more than the dataset's maxBadLineRatio (0.1) allows", _run.AssertOnlyQuarantined(result, "bad.csv"));
    }

    [Fact]
    public async Task RunAsync_RaggedLineAfterSniffSample_SetsThatLineAsideAndLandsTheRest()
    {
        var result = await _run.RunAsync(_run.Folder.Write("bad.csv", ManyRows() + "9,x,y,z\n"));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal((30_002L, 1L), (result.RowsWritten, result.LinesSetAside));
        var report = result.Sources.Single(s => s.SourceKey == "raw/bad/bad.csv");
        Assert.Equal(30_000, report.RowsRead);
        Assert.Equal(new SetAside("line", "has more than the 2 fields expected", 1, 30_002), Assert.Single(report.SetAside));
        Assert.Equal(["raw/bad/bad.csv|30002|has more than the 2 fields expected|9,x,y,z"], _run.SetAsideLines());
    }

    [Fact]
    public async Task RunAsync_Latin1Text_QuarantinesFileAsNotUtf8()
    {
        var result = await _run.RunAsync(_run.Write("bad.csv", Encoding.Latin1.GetBytes("id,name\n1,café\n2,naïve\n")));

        Assert.Equal("invalid CSV in bad.csv: line 2 is not UTF-8 text (byte 0xE9 at offset 13: Latin-1 or Windows-1252?); " + ContentCheck.CsvUtf8Hint,
            _run.AssertOnlyQuarantined(result, "bad.csv"));
    }

    [Fact]
    public async Task RunAsync_Latin1AfterSniffSample_QuarantinesFileNamingTheLine()
    {
        var result = await _run.RunAsync(_run.Write("bad.csv", [.. Encoding.UTF8.GetBytes(ManyRows()), .. Encoding.Latin1.GetBytes("9,café\n")]));

        Assert.Equal("invalid CSV in bad.csv: line 30002 is not UTF-8 text (Latin-1 or Windows-1252?); " + ContentCheck.CsvUtf8Hint,
            _run.AssertOnlyQuarantined(result, "bad.csv"));
    }

    [Fact]
    public async Task RunAsync_Utf16WithByteOrderMark_QuarantinesFileAsUtf16()
    {
        var result = await _run.RunAsync(_run.Write("bad.csv", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("id,name\n1,a\n")]));

        Assert.Equal("invalid CSV in bad.csv: the text is UTF-16 (it starts with a UTF-16 byte order mark); " + Utf16Hint,
            _run.AssertOnlyQuarantined(result, "bad.csv"));
    }

    [Fact]
    public async Task RunAsync_Utf16WithoutByteOrderMark_QuarantinesFileAsUtf16()
    {
        var result = await _run.RunAsync(_run.Write("bad.csv", Encoding.Unicode.GetBytes("id,name\n1,a\n2,b\n")));

        Assert.Equal("invalid CSV in bad.csv: the text looks like UTF-16 (every other byte is zero); " + Utf16Hint,
            _run.AssertOnlyQuarantined(result, "bad.csv"));
    }

    [Fact]
    public async Task RunAsync_Utf8ByteOrderMark_ReadsRowsAndHeaderNameWithoutIt()
    {
        var result = await _run.RunAsync(_run.Write("bom.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("id,name\n1,a\n2,b\n")]));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal((4, 4), (result.RowsIn, result.RowsWritten));
        var columns = _run.Lake.Types($"SELECT * EXCLUDE (_source_file, _ingested_at, _run_id) FROM {Lake.Parquet(_run.Request.OutputDir)}");
        Assert.Equal(["id", "name"], columns.Keys);
        Assert.Equal(["1|a|raw/bad/bom.csv", "2|b|raw/bad/bom.csv", .. _run.GoodRows], _run.Rows());
    }

    [Theory]
    [InlineData("")]
    [InlineData("id,name\n")]
    [InlineData("id,name\r\n")]
    public async Task RunAsync_EmptyOrHeaderOnly_AddsNothingAndQuarantinesNothing(string content)
    {
        var result = await _run.RunAsync(_run.Folder.Write("none.csv", content));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal((2, 2, 0), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Equal(_run.GoodRows, _run.Rows());
    }

    [Fact]
    public async Task RunAsync_BinaryJunk_QuarantinesFileAsBinary()
    {
        var junk = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray();

        var result = await _run.RunAsync(_run.Write("junk.csv", junk));

        Assert.Equal("invalid CSV in junk.csv: binary data, not text (byte 0x00 at offset 0)", _run.AssertOnlyQuarantined(result, "junk.csv"));
    }

    [Fact]
    public async Task RunAsync_GzipNameOnPlainText_QuarantinesFileNamingTheMismatch()
    {
        var result = await _run.RunAsync(_run.Folder.Write("plain.csv.gz", "id,name\n1,a\n"));

        Assert.Equal("invalid CSV in plain.csv.gz: the name ends in .gz but the content is not gzip-compressed",
            _run.AssertOnlyQuarantined(result, "plain.csv.gz"));
    }

    [Fact]
    public async Task RunAsync_MixedLineBreaks_QuarantinesFileNamingBothKinds()
    {
        // A Windows export with rows appended by a Unix tool: DuckDB's sniffer gives up on it.
        var result = await _run.RunAsync(_run.Folder.Write("mixed.csv", "id,name\r\n1,a\n2,b\n3,c\n"));

        Assert.Equal("invalid CSV in mixed.csv: lines end in two kinds of line break: line 1 in a Windows one (CRLF), line 2 in a Unix one (LF); " +
            "save the file with one kind throughout", _run.AssertOnlyQuarantined(result, "mixed.csv"));
    }

    [Fact]
    public async Task RunAsync_CrlfWithLineBreaksInsideQuotes_WritesEveryRow()
    {
        // Spreadsheet exports end records in CRLF and keep a bare LF inside quoted cells: one kind of record end.
        var result = await _run.RunAsync(_run.Folder.Write("excel.csv", "id,name\r\n1,\"two\nlines\"\r\n2,b\r\n"));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal(4, result.RowsWritten);
    }

    public void Dispose() => _run.Dispose();
}
