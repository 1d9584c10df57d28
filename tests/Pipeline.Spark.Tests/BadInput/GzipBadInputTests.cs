using System.IO.Compression;
using System.Text;

namespace Pipeline.Spark.Tests.BadInput;

public sealed class GzipBadInputTests : IDisposable
{
    readonly BadInputRun _run = new();

    // Rows whose ids (1000...) do not meet the good file's (100, 101); enough text that a cut lands mid-data.
    static string Rows(int from, int count) => string.Concat(Enumerable.Range(from, count).Select(i => $"{i},name-{i * 7919 % 100_003}\n"));

    static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    [Fact]
    public async Task RunAsync_CompleteGzipCsv_WritesEveryRow()
    {
        var result = await _run.RunAsync(_run.Write("ok.csv.gz", Gzip("id,name\n" + Rows(1000, 50_000))));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal(50_002, result.RowsWritten);
        _run.AssertGoodRowsWritten();
    }

    [Fact]
    public async Task RunAsync_TruncatedGzipCsv_QuarantinesFileInsteadOfWritingPart()
    {
        var whole = Gzip("id,name\n" + Rows(1000, 50_000));

        var result = await _run.RunAsync(_run.Write("cut.csv.gz", whole[..(whole.Length * 2 / 3)]));

        var reason = _run.AssertOnlyQuarantined(result, "cut.csv.gz");
        Assert.StartsWith("invalid CSV in cut.csv.gz: the gzip data is cut short", reason, StringComparison.Ordinal);
        Assert.Contains("the file was truncated", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_GzipCsvMissingOnlyItsTrailer_QuarantinesFile()
    {
        var whole = Gzip("id,name\n" + Rows(1000, 1_000));

        var result = await _run.RunAsync(_run.Write("notrailer.csv.gz", whole[..^8]));

        Assert.StartsWith("invalid CSV in notrailer.csv.gz: the gzip data is cut short", _run.AssertOnlyQuarantined(result, "notrailer.csv.gz"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MultiMemberGzipCsv_WritesRowsOfEveryMember()
    {
        // What `cat a.gz b.gz` makes: two complete members; the trailer at the end states the second one's length.
        byte[] content = [.. Gzip("id,name\n" + Rows(1000, 20_000)), .. Gzip(Rows(30_000, 20_000))];

        var result = await _run.RunAsync(_run.Write("two.csv.gz", content));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal(40_002, result.RowsWritten);
        _run.AssertGoodRowsWritten();
    }

    [Fact]
    public async Task RunAsync_MultiMemberGzipCsvWithLastMemberCut_QuarantinesFile()
    {
        var second = Gzip(Rows(30_000, 20_000));
        byte[] content = [.. Gzip("id,name\n" + Rows(1000, 20_000)), .. second[..(second.Length / 2)]];

        var result = await _run.RunAsync(_run.Write("twocut.csv.gz", content));

        Assert.StartsWith("invalid CSV in twocut.csv.gz: the gzip data is cut short", _run.AssertOnlyQuarantined(result, "twocut.csv.gz"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TruncatedGzipNdJson_QuarantinesFile()
    {
        var text = string.Concat(Enumerable.Range(1000, 30_000).Select(i => $"{{\"id\": {i}, \"name\": \"n{i}\"}}\n"));
        var whole = Gzip(text);

        var result = await _run.RunAsync(_run.Write("cut.ndjson.gz", whole[..(whole.Length / 2)]));

        Assert.StartsWith("invalid JSON in cut.ndjson.gz: the gzip data is cut short", _run.AssertOnlyQuarantined(result, "cut.ndjson.gz"),
            StringComparison.Ordinal);
    }

    public void Dispose() => _run.Dispose();
}
