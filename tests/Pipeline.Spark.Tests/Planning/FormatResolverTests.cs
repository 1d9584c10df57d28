using System.IO.Compression;
using System.Text;
using Pipeline.Core.Datasets;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Planning;

public sealed class FormatResolverTests : IDisposable
{
    readonly TempFolder _folder = new();

    [Theory]
    [InlineData("a.csv", SourceFormat.Csv)]
    [InlineData("a.TSV.gz", SourceFormat.Csv)]
    [InlineData("a.ndjson", SourceFormat.NdJson)]
    [InlineData("a.jsonl.gz", SourceFormat.NdJson)]
    [InlineData("a.parquet", SourceFormat.Parquet)]
    [InlineData("a.parquet.gz", null)]
    [InlineData("a.xml", null)]
    [InlineData("noext", null)]
    public void Resolve_AutoByExtension_PicksReader(string name, SourceFormat? expected) =>
        Assert.Equal(expected, FormatResolver.Resolve(DataFormat.Auto, _folder.Write(name, "x")));

    [Theory]
    [InlineData("  \n [ {\"a\": 1} ]", SourceFormat.JsonArray)]
    [InlineData("{\"a\": 1}\n{\"a\": 2}\n", SourceFormat.NdJson)]
    public void Resolve_Json_PeeksAtFirstCharacter(string content, SourceFormat expected) =>
        Assert.Equal(expected, FormatResolver.Resolve(DataFormat.Json, _folder.Write("a.json", content)));

    [Fact]
    public void Resolve_GzippedJsonArray_PeeksThroughGzip()
    {
        var path = _folder["a.json.gz"];
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes("[{\"a\": 1}]"));
        }

        Assert.Equal(SourceFormat.JsonArray, FormatResolver.Resolve(DataFormat.Auto, path));
    }

    [Fact]
    public void CsvDelimiter_TsvUnderAuto_IsTab()
    {
        var spec = Specs.Spec(new DatasetDefinition { Format = "auto" });

        Assert.Equal("\t", FormatResolver.CsvDelimiter(spec, "/x/a.tsv.gz"));
        Assert.Equal(",", FormatResolver.CsvDelimiter(spec, "/x/a.csv"));
    }

    public void Dispose() => _folder.Dispose();
}
