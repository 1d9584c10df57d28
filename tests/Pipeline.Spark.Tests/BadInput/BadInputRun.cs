using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.BadInput;

/// <summary>
/// Runs the engine on bad files next to a good one, the way every bad-input test does: the run must end in
/// time without throwing, and the good file's rows must be written exactly whatever happens to the bad ones.
/// </summary>
public sealed class BadInputRun : IDisposable
{
    /// <summary>The dataset id: raw keys are <c>raw/bad/&lt;file name&gt;</c>.</summary>
    public const string Dataset = "bad";

    /// <summary>A run that takes longer has hung.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A run over a file several times the memory limit (hundreds of megabytes) that takes longer has hung:
    /// such a run takes far longer than a small file's on a slow, loaded machine.
    /// </summary>
    public static readonly TimeSpan LargeBound = TimeSpan.FromSeconds(180);

    /// <summary>The test's folder.</summary>
    public TempFolder Folder { get; } = new();

    /// <summary>Reads the output back.</summary>
    public Lake Lake { get; } = new();

    /// <summary>The last request run.</summary>
    public TransformRequest Request { get; private set; } = null!;

    /// <summary>What the good file holds, as <see cref="Rows"/> reads it back.</summary>
    public string[] GoodRows => [$"100|g|{Request.Files[0].SourceKey}", $"101|h|{Request.Files[0].SourceKey}"];

    /// <summary>A format-auto dataset without declared columns: nothing but the file itself can be wrong.</summary>
    public static DatasetSpec Spec() => Specs.Spec(new DatasetDefinition { Format = "auto" }, Dataset);

    /// <summary>Writes a file of raw bytes and returns its path.</summary>
    public string Write(string name, byte[] content)
    {
        var path = Folder[name];
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Runs the engine on a good CSV file followed by <paramref name="bad"/>, bounded in time.</summary>
    public Task<TransformResult> RunAsync(params string[] bad) => RunAsync(Spec(), null, bad);

    /// <summary>
    /// Runs <paramref name="spec"/> on a good file (<c>good.csv</c>, or <c>good.ndjson</c> for a JSON-only run)
    /// followed by <paramref name="bad"/>; <paramref name="tune"/> may change the request (memory limit, temp folder).
    /// </summary>
    public Task<TransformResult> RunAsync(DatasetSpec spec, Func<TransformRequest, TransformRequest>? tune, params string[] bad) =>
        RunAsync(spec, tune, Bound, bad);

    /// <summary>As <see cref="RunAsync(DatasetSpec, Func{TransformRequest, TransformRequest}?, string[])"/>, bounded by <paramref name="bound"/>.</summary>
    public async Task<TransformResult> RunAsync(DatasetSpec spec, Func<TransformRequest, TransformRequest>? tune, TimeSpan bound, params string[] bad)
    {
        var good = bad.All(b => b.EndsWith(".json", StringComparison.Ordinal) || b.EndsWith(".ndjson", StringComparison.Ordinal))
            ? Folder.Write("good.ndjson", "{\"id\": 100, \"name\": \"g\"}\n{\"id\": 101, \"name\": \"h\"}\n")
            : Folder.Write("good.csv", "id,name\n100,g\n101,h\n");
        var request = Specs.Request(spec, Folder, [good, .. bad]);
        Request = tune is null ? request : tune(request);
        try
        {
            return await new DuckDbTransformEngine().RunAsync(Request).WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The engine did not finish within {bound.TotalSeconds} s.");
            throw;
        }
    }

    /// <summary>The lines the run set aside, as <c>file|line|reason|text</c>, in file and line order.</summary>
    public List<string> SetAsideLines() => Lake.SetAsideLines(Request.QuarantineDir);

    /// <summary>id, name and source of every written row of the given source keys (all when none), in id order.</summary>
    public List<string> Rows(string? where = null) =>
        Lake.Lines($"SELECT id, name, _source_file FROM {Lake.Parquet(Request.OutputDir)} {(where is null ? "" : "WHERE " + where)} ORDER BY id");

    /// <summary>Asserts the good file's rows are written, exactly.</summary>
    public void AssertGoodRowsWritten() => Assert.Equal(GoodRows, Rows($"_source_file = '{Request.Files[0].SourceKey}'"));

    /// <summary>Asserts <paramref name="result"/> quarantined exactly <paramref name="name"/>, wrote only the good rows, and returns the reason.</summary>
    public string AssertOnlyQuarantined(TransformResult result, string name)
    {
        var file = Assert.Single(result.QuarantinedFiles);
        Assert.Equal($"raw/{Dataset}/{name}", file.SourceKey);
        Assert.Equal((2, 2, 0), (result.RowsIn, result.RowsWritten, result.RowsQuarantined));
        AssertGoodRowsWritten();
        Assert.Equal(GoodRows, Rows());
        return file.Reason;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Lake.Dispose();
        Folder.Dispose();
    }
}
