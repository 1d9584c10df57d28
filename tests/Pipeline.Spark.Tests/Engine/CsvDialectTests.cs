using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Engine;

/// <summary>A dataset that says only <c>"format": "csv"</c>: each file is read as it is written.</summary>
public sealed class CsvDialectTests : IDisposable
{
    readonly TempFolder _folder = new();
    readonly Lake _lake = new();

    async Task<(TransformResult Result, TransformRequest Request)> RunAsync(string name, string content, CsvOptions? csv = null, CsvDialect? known = null)
    {
        var request = Specs.Request(Specs.Spec(new DatasetDefinition { Format = "csv", Csv = csv }), _folder, [_folder.Write(name, content)]) with { KnownCsv = known };
        return (await new DuckDbTransformEngine().RunAsync(request), request);
    }

    [Fact]
    public async Task SemicolonFileWithQuotedLineBreaks_LandsEveryRowInItsColumns()
    {
        var (result, request) = await RunAsync("orders.csv", "id;customer;note\n1;Müller GmbH;\"first line\nsecond line\"\n2;\"Smith; Jones\";plain\n3;Ørsted;\n");

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal((3, 3), (result.RowsIn, result.RowsWritten));
        Assert.Equal(["1|Müller GmbH|first line\nsecond line", "2|Smith; Jones|plain", "3|Ørsted|"],
            _lake.Lines($"SELECT id, customer, coalesce(note, '') FROM {Lake.Parquet(request.OutputDir)} ORDER BY id"));
        Assert.Equal("detected: delimiter ';', quote '\"', header", Dialect(result, "raw/taxi/orders.csv").Describe());
    }

    [Theory]
    [InlineData("\t", "tab")]
    [InlineData("|", "'|'")]
    public async Task TabOrPipeSeparatedUnderACsvName_IsSplitIntoColumns(string delimiter, string shown)
    {
        var (result, request) = await RunAsync("stations.csv", string.Join('\n', ["station,name,elevation", "US1,Boulder, CO,1655.0", "US2,Denver,1609.3", ""]).Replace(",", "#", StringComparison.Ordinal)
            .Replace("#", delimiter, StringComparison.Ordinal).Replace($"Boulder{delimiter} CO", "Boulder, CO", StringComparison.Ordinal));

        Assert.Equal((2, 2), (result.RowsIn, result.RowsWritten));
        Assert.Equal(["US1|Boulder, CO|1655.0", "US2|Denver|1609.3"],
            _lake.Lines($"SELECT station, name, elevation FROM {Lake.Parquet(request.OutputDir)} ORDER BY station"));
        Assert.Equal($"detected: delimiter {shown}, quote '\"', header", Dialect(result, "raw/taxi/stations.csv").Describe());
    }

    [Fact]
    public async Task NumbersWithoutAHeader_KeepTheFirstLineAsARow()
    {
        var (result, request) = await RunAsync("readings.csv", "1,20.5,3\n2,21.0,4\n3,19.75,5\n");

        Assert.Equal((3, 3), (result.RowsIn, result.RowsWritten));
        Assert.Equal(["1|20.5|3", "2|21.0|4", "3|19.75|5"],
            _lake.Lines($"SELECT column0, column1, column2 FROM {Lake.Parquet(request.OutputDir)} ORDER BY column0"));
        Assert.EndsWith("no header", Dialect(result, "raw/taxi/readings.csv").Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeclaredDelimiter_Wins_OverWhatTheFileLooksLike()
    {
        var (result, request) = await RunAsync("orders.csv", "id;customer\n1;a\n2;b\n", new CsvOptions { Delimiter = "," });

        Assert.Equal((2, 2), (result.RowsIn, result.RowsWritten));
        Assert.Equal(["1;a", "2;b"], _lake.Lines($"SELECT \"id;customer\" FROM {Lake.Parquet(request.OutputDir)} ORDER BY 1"));
        Assert.Equal(",", Dialect(result, "raw/taxi/orders.csv").Delimiter);
    }

    [Fact]
    public async Task DeclaredDelimiterAndHeader_AreNotSniffed()
    {
        var (result, _) = await RunAsync("plain.csv", "a,b\n1,2\n", new CsvOptions { Delimiter = ",", Header = true });

        Assert.Equal("declared: delimiter ',', quote '\"', header", Dialect(result, "raw/taxi/plain.csv").Describe());
    }

    [Fact]
    public async Task SemicolonFileWithARaggedLine_IsSetAsideNamingTheLine_NotReadAsOneColumn()
    {
        var (result, _) = await RunAsync("bad.csv", "id;name\n1;a\n2;b;extra\n3;c\n");

        var reason = Assert.Single(result.QuarantinedFiles).Reason;
        Assert.Equal("invalid CSV in bad.csv: line 3 has more than the 2 fields expected: 2;b;extra; 1 of its 3 records is malformed, more than the dataset's maxBadLineRatio (0.1) allows", reason);
    }

    [Fact]
    public async Task LaterFilesOfTheSameShape_AreReadWithTheFirstFilesDialect()
    {
        var request = Specs.Request(Specs.Spec(new DatasetDefinition { Format = "csv" }), _folder,
            [_folder.Write("a.csv", "id;city;note\n1;Oslo;x\n2;Bergen;y\n"), _folder.Write("b.csv", "id;city;note\n3;Tromsø;z\n")]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((3, 3), (result.RowsIn, result.RowsWritten));
        Assert.Equal(DialectSource.Detected, Dialect(result, "raw/taxi/a.csv").Source);
        Assert.Equal("as the dataset's earlier files: delimiter ';', quote '\"', header", Dialect(result, "raw/taxi/b.csv").Describe());
        Assert.Equal(["3|Tromsø|z"], _lake.Lines($"SELECT id, city, note FROM {Lake.Parquet(request.OutputDir)} WHERE id = 3"));
    }

    [Fact]
    public async Task AHeaderlessFileOfText_KeepsItsFirstLineAsARow_WhenTheDatasetsFilesHaveNoHeader()
    {
        // Alone, the sniffer takes a first line of text over lines of text for a header.
        var known = new CsvDialect(";", "\"", "\"", Header: false, SkipRows: 0, Comment: "", DialectSource.Detected);

        var (result, request) = await RunAsync("cities.csv", "Oslo;Norway\nBergen;Norway\nLyon;France\n",
            known: known);

        Assert.Equal((3, 3), (result.RowsIn, result.RowsWritten));
        Assert.Equal(["Bergen|Norway", "Lyon|France", "Oslo|Norway"], _lake.Lines($"SELECT column0, column1 FROM {Lake.Parquet(request.OutputDir)} ORDER BY 1"));
        Assert.Equal("as the dataset's earlier files: delimiter ';', quote '\"', no header", Dialect(result, "raw/taxi/cities.csv").Describe());
    }

    [Theory]
    [InlineData("a,b\n1,2\n3,4\n", "detected: delimiter ',', quote '\"', header")]
    [InlineData("1;2\n3;4\n", "detected: delimiter ';', quote '\"', no header")]
    public async Task AFileThatDoesNotFitTheEarlierFilesDialect_IsSniffedAlone(string content, string dialect)
    {
        var known = new CsvDialect(";", "\"", "\"", Header: true, SkipRows: 0, Comment: "", DialectSource.Detected);

        var (result, _) = await RunAsync("other.csv", content, known: known);

        Assert.Equal((2, 2), (result.RowsIn, result.RowsWritten));
        Assert.Equal(dialect, Dialect(result, "raw/taxi/other.csv").Describe());
    }

    [Fact]
    public async Task ADeclaredHeader_WinsOverTheEarlierFilesDialect()
    {
        var known = new CsvDialect(";", "\"", "\"", Header: true, SkipRows: 0, Comment: "", DialectSource.Detected);

        var (result, _) = await RunAsync("x.csv", "10;20\n30;40\n", new CsvOptions { Header = false }, known);

        Assert.Equal((2, 2), (result.RowsIn, result.RowsWritten));
        Assert.Equal("as the dataset's earlier files: delimiter ';', quote '\"', no header", Dialect(result, "raw/taxi/x.csv").Describe());
    }

    public void Dispose()
    {
        _lake.Dispose();
        _folder.Dispose();
    }

    static CsvDialect Dialect(TransformResult result, string key) =>
        result.Sources.Single(s => s.SourceKey == key).Dialect!;
}
