using Pipeline.Core.Datasets;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Engine;

public sealed class JsonTransformTests : IDisposable
{
    const string Lines = """
        {"id": 1, "a": {"b": 2, "c": {"d": " x "}}, "tags": [1, 2], "price": "12.5"}
        {"id": 2, "a": {"b": 3, "c": {"d": "y"}}, "tags": [], "price": 7}
        """;

    const string Array = """
        [
          {"id": 1, "a": {"b": 2, "c": {"d": " x "}}, "tags": [1, 2], "price": "12.5"},
          {"id": 2, "a": {"b": 3, "c": {"d": "y"}}, "tags": [], "price": 7}
        ]
        """;

    readonly TempFolder _folder = new();
    readonly Lake _lake = new();

    public static TheoryData<string, string, string> Layouts => new()
    {
        { "json", "objects.json", Lines },
        { "json", "array.json", Array },
        { "ndjson", "objects.ndjson", Lines },
        { "auto", "objects.jsonl", Lines },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task RunAsync_NestedObjects_FlattenedToColumnsWithListsKept(string format, string name, string content)
    {
        var spec = Specs.Spec(new DatasetDefinition { Format = format, Schema = new() { ["price"] = "DECIMAL(8,2)" } }, "events");
        var request = Specs.Request(spec, _folder, [_folder.Write(name, content)]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((2, 2, 0), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        var output = $"SELECT id, a_b, a_c_d, tags, price FROM {Lake.Parquet(request.OutputDir)}";
        Assert.Equal(["BIGINT", "BIGINT", "VARCHAR", "BIGINT[]", "DECIMAL(8,2)"], _lake.Types(output).Values);
        Assert.Equal(["1|2|x|[1, 2]|12.50", "2|3|y|[]|7.00"], _lake.Lines(output + " ORDER BY id"));
    }

    [Fact]
    public async Task RunAsync_DeclaredNestedFieldNotANumber_QuarantinesRow()
    {
        var content = Lines + "\n{\"id\": 3, \"a\": {\"b\": \"many\", \"c\": {\"d\": \"z\"}}, \"tags\": [3], \"price\": 1}\n";
        var spec = Specs.Spec(new DatasetDefinition { Format = "ndjson", Schema = new() { ["a_b"] = "INTEGER" } }, "events");
        var request = Specs.Request(spec, _folder, [_folder.Write("e.ndjson", content)]);

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((3, 2, 1), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        Assert.Equal(["3|a_b: 'many' is not INTEGER"], _lake.Lines($"SELECT id, _reason FROM {Lake.Json(request.QuarantineDir)}"));
    }

    [Theory]
    [InlineData("[{\"id\": 1, \"title\": \"Up\"}, {\"id\": 2, \"title\": 1776}]", "json")]
    [InlineData("[{\"id\": 1, \"title\": \"Up\"}, {\"id\": 2, \"title\": \"1776\"}]", "json")]
    [InlineData("{\"id\": 1, \"title\": \"Up\"}\n{\"id\": 2, \"title\": \"1776\"}", "ndjson")]
    public async Task RunAsync_TableColumnIsJson_LaterFileOfPlainStrings_EveryRowWrittenAsJson(string content, string format)
    {
        // A field of strings and numbers sniffs as JSON; the table keeps that type for every later file.
        var spec = Specs.Spec(new DatasetDefinition { Format = format }, "movies");
        var request = Specs.Request(spec, _folder, [_folder.Write("movies." + format, content)])
            with { TableTypes = new Dictionary<string, string> { ["id"] = "BIGINT", ["title"] = "JSON" } };

        var result = await new DuckDbTransformEngine().RunAsync(request);

        Assert.Equal((2, 2, 0), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        var output = $"SELECT id, title, title ->> '$' FROM {Lake.Parquet(request.OutputDir)}";
        Assert.Equal("JSON", _lake.Types(output)["title"]);
        Assert.Equal("1|\"Up\"|Up", _lake.Lines(output + " ORDER BY id")[0]);
    }

    public void Dispose()
    {
        _lake.Dispose();
        _folder.Dispose();
    }
}
