using System.Text;
using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Engine;

/// <summary>Files with a few malformed lines: the good lines land, each bad one is set aside with its number, reason and text.</summary>
public sealed class LineRescueTests : IDisposable
{
    readonly TempFolder _folder = new();
    readonly Lake _lake = new();

    async Task<(TransformResult Result, TransformRequest Request)> RunAsync(DatasetDefinition definition, params (string Name, byte[] Content)[] files)
    {
        var paths = files.Select(f =>
        {
            File.WriteAllBytes(_folder[f.Name], f.Content);
            return _folder[f.Name];
        });
        var request = Specs.Request(Specs.Spec(definition, "feed"), _folder, paths);
        return (await new DuckDbTransformEngine().RunAsync(request), request);
    }

    static (string, byte[]) Text(string name, string content) => (name, Encoding.UTF8.GetBytes(content));

    static string Rows(int from, int to, string delimiter = ",") =>
        string.Concat(Enumerable.Range(from, to - from + 1).Select(i => $"{i}{delimiter}name {i}{delimiter}{i * 10}\n"));

    List<string> Lines(TransformRequest request) => _lake.SetAsideLines(request.QuarantineDir);

    List<string> Ids(TransformRequest request) => _lake.Lines($"SELECT id FROM {Lake.Parquet(request.OutputDir)} ORDER BY id");

    [Fact]
    public async Task SemicolonFileWithRaggedLinesInItsSample_LandsTheRestAndNamesEachLine()
    {
        var content = "id;name;amount\n" + Rows(1, 9, ";") + "10;name 10\n" + Rows(11, 29, ";") + "30;name 30;300;extra\n" + Rows(31, 40, ";");

        var (result, request) = await RunAsync(new DatasetDefinition { Format = "csv" }, Text("orders.csv", content));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal((38L, 2L), (result.RowsWritten, result.LinesSetAside));
        Assert.Equal(Enumerable.Range(1, 40).Where(i => i is not (10 or 30)).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Ids(request));
        Assert.Equal(["raw/feed/orders.csv|11|has 2 fields where 3 are expected|10;name 10",
            "raw/feed/orders.csv|31|has more than the 3 fields expected|30;name 30;300;extra"], Lines(request));
        var report = Assert.Single(result.Sources);
        Assert.Equal((38L, "detected: delimiter ';', quote '\"', header"), (report.RowsRead, report.Dialect!.Describe()));
        Assert.Equal([new SetAside("line", "has 2 fields where 3 are expected", 1, 11), new SetAside("line", "has more than the 3 fields expected", 1, 31)],
            report.SetAside.OrderBy(s => s.FirstLine));
    }

    [Fact]
    public async Task QuoteLeftOpen_EndsAtItsLine_AndTheLinesAfterItLand()
    {
        // Enough lines after it that DuckDB's echo of the open record (10,000 characters) does not reach the end.
        var content = "id,name,amount\n" + Rows(1, 20) + "21,\"name 21,210\n" + Rows(22, 2000);

        var (result, request) = await RunAsync(new DatasetDefinition { Format = "csv" }, Text("orders.csv", content));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal(Enumerable.Range(1, 2000).Where(i => i != 21).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Ids(request));
        Assert.Equal(["raw/feed/orders.csv|22|opens a quoted value that is never closed|21,\"name 21,210"], Lines(request));
        Assert.Equal("name 2000", _lake.Value($"SELECT name FROM {Lake.Parquet(request.OutputDir)} WHERE id = 2000"));
    }

    [Fact]
    public async Task QuoteClosedLinesLaterWithTextAfterIt_QuarantinesTheFileWhole_RatherThanGuessWhereRecordsEnd()
    {
        var content = "id,name,amount\n" + Rows(1, 20) + "21,\"name 21,210\n22,name 22,220\n23,\"name\" 23,230\n" + Rows(24, 40);

        var (result, request) = await RunAsync(new DatasetDefinition { Format = "csv" }, Text("good.csv", "id,name,amount\n99,z,990\n"), Text("orders.csv", content));

        Assert.StartsWith("invalid CSV in orders.csv: line 22 opens a quoted value that is never closed: 21,\"name 21,210; its lines cannot be set aside one by one",
            Assert.Single(result.QuarantinedFiles).Reason, StringComparison.Ordinal);
        Assert.Equal(["99"], Ids(request));
        Assert.Empty(Lines(request));
    }

    [Fact]
    public async Task TooManyBadLines_QuarantinesTheFileWhole_AndTheOtherFileLands()
    {
        var content = "id,name,amount\n1,a,10\n2,b\n3,c\n4,d,40\n";

        var (result, request) = await RunAsync(new DatasetDefinition { Format = "csv" }, Text("good.csv", "id,name,amount\n9,z,90\n"), Text("orders.csv", content));

        var file = Assert.Single(result.QuarantinedFiles);
        Assert.Equal("invalid CSV in orders.csv: line 3 has 2 fields where 3 are expected: 2,b; " +
            "2 of its 4 records are malformed, more than the dataset's maxBadLineRatio (0.1) allows", file.Reason);
        Assert.Equal(["9"], Ids(request));
        Assert.Empty(Lines(request));
        Assert.Equal(0, result.LinesSetAside);
    }

    [Fact]
    public async Task HigherMaxBadLineRatio_LetsTheSameFileLand()
    {
        var content = "id,name,amount\n1,a,10\n2,b\n3,c\n4,d,40\n";

        var (result, request) = await RunAsync(new DatasetDefinition { Format = "csv", MaxBadLineRatio = 0.5 }, Text("orders.csv", content));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal(["1", "4"], Ids(request));
        Assert.Equal(["raw/feed/orders.csv|3|has 2 fields where 3 are expected|2,b", "raw/feed/orders.csv|4|has 2 fields where 3 are expected|3,c"], Lines(request));
    }

    [Fact]
    public async Task NoHeaderDeclared_WithARaggedLine_SetsItAside()
    {
        var content = Rows(1, 15) + "16,name 16\n" + Rows(17, 20);

        var (result, request) = await RunAsync(new DatasetDefinition { Format = "csv", Csv = new CsvOptions { Header = false, Delimiter = "," } },
            Text("readings.csv", content));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal(19, result.RowsWritten);
        Assert.Equal(["raw/feed/readings.csv|16|has 2 fields where 3 are expected|16,name 16"], Lines(request));
    }

    [Fact]
    public async Task Latin1FileWithTheEncodingDeclared_LandsWithItsAccents()
    {
        var content = Encoding.Latin1.GetBytes("id;city;note\n1;München;café\n2;Zürich;naïve\n3;Göteborg;\n");

        var (result, request) = await RunAsync(new DatasetDefinition { Format = "csv", Csv = new CsvOptions { Encoding = "iso-8859-1" } }, ("cities.csv", content));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal(["1|München|café", "2|Zürich|naïve", "3|Göteborg|NULL"],
            _lake.Lines($"SELECT id, city, note FROM {Lake.Parquet(request.OutputDir)} ORDER BY id"));
    }

    [Fact]
    public async Task Utf16FileWithTheEncodingDeclared_Lands()
    {
        var content = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("id,city\n1,München\n2,Zürich\n")).ToArray();

        var (result, request) = await RunAsync(new DatasetDefinition { Format = "csv", Csv = new CsvOptions { Encoding = "utf-16" } }, ("cities.csv", content));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal(["1|München", "2|Zürich"], _lake.Lines($"SELECT id, city FROM {Lake.Parquet(request.OutputDir)} ORDER BY id"));
    }

    [Fact]
    public async Task Latin1LineDeepInAnUndeclaredFile_QuarantinesTheFileNamingTheOption()
    {
        var content = Encoding.UTF8.GetBytes("id,name,amount\n" + Rows(1, 30_000)).Concat(Encoding.Latin1.GetBytes("30001,café,1\n")).ToArray();

        var (result, request) = await RunAsync(new DatasetDefinition { Format = "csv" }, ("orders.csv", content));

        Assert.Equal("invalid CSV in orders.csv: line 30002 is not UTF-8 text (Latin-1 or Windows-1252?); " + ContentCheck.CsvUtf8Hint,
            Assert.Single(result.QuarantinedFiles).Reason);
        Assert.False(Directory.Exists(request.OutputDir) && Directory.EnumerateFiles(request.OutputDir, "*.parquet", SearchOption.AllDirectories).Any());
        Assert.Empty(Lines(request));
    }

    [Fact]
    public async Task RescuedLinesWithAPrimaryKey_KeepTheLaterRowOfAKey()
    {
        var content = "id,name,amount\n" + Rows(1, 20) + "21,\"open\n" + "5,later,999\n" + Rows(22, 25);

        var (result, request) = await RunAsync(new DatasetDefinition { Format = "csv", PrimaryKey = ["id"] }, Text("orders.csv", content));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal("later|999", string.Join("|", _lake.Rows($"SELECT name, amount FROM {Lake.Parquet(request.OutputDir)} WHERE id = 5").Single()));
        Assert.Equal(24, result.RowsWritten);
    }

    public void Dispose()
    {
        _lake.Dispose();
        _folder.Dispose();
    }
}
