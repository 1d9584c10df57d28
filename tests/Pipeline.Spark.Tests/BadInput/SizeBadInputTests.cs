using System.Collections.Concurrent;
using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.BadInput;

public sealed class SizeBadInputTests(LargeCsvFixture large) : IClassFixture<LargeCsvFixture>, IDisposable
{
    const string MemoryLimit = "64MB";
    const long MemoryLimitBytes = 64_000_000;
    const int FiftyMegabytes = 50 << 20;

    readonly BadInputRun _run = new();

    TransformRequest UnderMemoryLimit(TransformRequest request) =>
        request with { MemoryLimit = MemoryLimit, Threads = 2, TempDir = _run.Folder["spill"] };

    [Fact]
    public async Task RunAsync_Csv50MegabyteLine_QuarantinesFileNamingTheLineAndLimit()
    {
        var result = await _run.RunAsync(_run.Folder.Write("long.csv", $"id,name\n1,{new string('x', FiftyMegabytes)}\n2,b\n"));

        var reason = _run.AssertOnlyQuarantined(result, "long.csv");
        Assert.StartsWith("invalid CSV in long.csv: line 2 is longer than a CSV line may be (", reason, StringComparison.Ordinal);
        Assert.EndsWith(" bytes or more; the limit is 2,000,000)", reason, StringComparison.Ordinal);
        Assert.Equal(0, result.LinesSetAside);
    }

    [Fact]
    public async Task RunAsync_Ndjson50MegabyteLine_QuarantinesFileNamingTheLimit()
    {
        var result = await _run.RunAsync(_run.Folder.Write("long.ndjson", $"{{\"id\": 1, \"name\": \"{new string('x', FiftyMegabytes)}\"}}\n"));

        Assert.Equal("invalid JSON in long.ndjson: a record is larger than 16,777,216 bytes, the most the JSON reader takes",
            _run.AssertOnlyQuarantined(result, "long.ndjson"));
    }

    [Fact]
    public async Task RunAsync_Csv5000Columns_WritesEveryColumn()
    {
        var extra = Enumerable.Range(0, 4998).Select(i => $"c{i}").ToList();
        var rows = Enumerable.Range(1, 3).Select(r => $"{r},w{r}," + string.Join(",", extra.Select((_, i) => r * i)));
        var wide = _run.Folder.Write("wide.csv", $"id,name,{string.Join(",", extra)}\n{string.Join("\n", rows)}\n");

        var result = await _run.RunAsync(wide);

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal((5, 5), (result.RowsIn, result.RowsWritten));
        var output = Lake.Parquet(_run.Request.OutputDir);
        Assert.Equal(5000 + 3, _run.Lake.Types($"SELECT * FROM {output}").Count);
        Assert.Equal(["1|w1|raw/bad/wide.csv", "2|w2|raw/bad/wide.csv", "3|w3|raw/bad/wide.csv", .. _run.GoodRows], _run.Rows());
        Assert.Equal("0|4997|29982|NULL", _run.Lake.Lines($"SELECT sum(c0), sum(c4997) FILTER (WHERE id = 1), sum(c4997), max(c1) FILTER (WHERE id > 99) FROM {output}")[0]);
    }

    [Fact]
    public async Task RunAsync_CsvLargerThanMemoryLimit_StreamsEveryRow()
    {
        Assert.True(new FileInfo(large.Path).Length > 4 * MemoryLimitBytes);

        var result = await _run.RunAsync(BadInputRun.Spec(), UnderMemoryLimit, BadInputRun.LargeBound, large.Path);

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal((LargeCsvFixture.Rows + 2, 0), (result.RowsWritten, result.RowsQuarantined));
        _run.AssertGoodRowsWritten();
        var sum = LargeCsvFixture.Rows * (LargeCsvFixture.Rows - 1) / 2;
        Assert.Equal([$"{LargeCsvFixture.Rows}|{sum}"],
            _run.Lake.Lines($"SELECT count(*), sum(id) FROM {Lake.Parquet(_run.Request.OutputDir)} WHERE _source_file = 'raw/bad/large.csv'"));
    }

    [Fact]
    public async Task RunAsync_CsvLargerThanMemoryLimitWithBadRow_SpillsToTempDirAndQuarantinesTheRow()
    {
        var spec = Specs.Spec(new DatasetDefinition { Format = "auto", Schema = new() { ["id"] = "BIGINT" } }, BadInputRun.Dataset);
        var bad = _run.Folder.Write("bad.csv", "id,name\nnot-a-number,z\n");
        var spilled = new ConcurrentBag<string>();
        Directory.CreateDirectory(_run.Folder["spill"]);
        using var watcher = new FileSystemWatcher(_run.Folder["spill"]) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        watcher.Created += (_, e) => spilled.Add(e.Name ?? "");

        // The bad row fails the one-pass COPY: every row is staged in a table four times the memory limit.
        var result = await _run.RunAsync(spec, UnderMemoryLimit, BadInputRun.LargeBound, large.Path, bad);

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal((LargeCsvFixture.Rows + 3, LargeCsvFixture.Rows + 2, 1), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Contains(spilled, name => name.EndsWith(".tmp", StringComparison.Ordinal));
        _run.AssertGoodRowsWritten();
        Assert.Equal([$"{LargeCsvFixture.Rows}"], _run.Lake.Lines($"SELECT count(*) FROM {Lake.Parquet(_run.Request.OutputDir)} WHERE _source_file = 'raw/bad/large.csv'"));
        Assert.Equal(["not-a-number|id: 'not-a-number' is not BIGINT|raw/bad/bad.csv"],
            _run.Lake.Lines($"SELECT id, _reason, _source_file FROM {Lake.Json(_run.Request.QuarantineDir)}"));
    }

    public void Dispose() => _run.Dispose();
}
