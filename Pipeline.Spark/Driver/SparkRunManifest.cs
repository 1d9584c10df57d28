using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Spark.Driver;

/// <summary>
/// What the PySpark driver (<c>pipeline_driver.py</c>) is given for one run attempt: the compiled Spark SQL, the
/// run-scoped folder it writes to, and where to put its result. The driver refuses another <see cref="Version"/>.
/// </summary>
/// <param name="Files">The run's input files (URIs) with the raw-zone keys they came from, for the step's logs and checks.</param>
public sealed record SparkRunManifest(
    string Dataset, string RunId, string Attempt, string Script, string Output, string Result, string? Traceparent = null,
    IReadOnlyList<SparkInputFile>? Files = null)
{
    public int Version { get; init; } = 1;

    public string ToJson() => JsonSerializer.Serialize(this, SparkJson.Options);
}

public sealed record SparkInputFile(string Path, string SourceKey);

/// <summary>The driver's account of a run attempt (its result manifest).</summary>
public sealed record SparkRunResult(
    string Dataset, string RunId, string Attempt, string State, string? Error, long RowsIn, long RowsOut, long RowsQuarantined,
    long LinesSetAside, IReadOnlyList<string> FilesOverBadLineRatio, long RowsChecked, IReadOnlyList<SparkExpectationResult> Expectations,
    IReadOnlyList<SparkOutputFile> Outputs, DateTimeOffset StartedAt, DateTimeOffset EndedAt)
{
    public bool Succeeded => State == "Succeeded";

    public static SparkRunResult Parse(string json) =>
        JsonSerializer.Deserialize<SparkRunResult>(json, SparkJson.Options) ?? throw new JsonException("The Spark run result is empty.");
}

/// <summary>
/// One expectation's tally (by its index in the dataset's list) as the script computes it: the failing rows, or for
/// freshness the newest time in epoch seconds; and an example.
/// </summary>
public sealed record SparkExpectationResult(int Index, double? Failed, string? Example);

/// <summary>A Parquet file the run wrote, relative to its output folder, with its partition values.</summary>
public sealed record SparkOutputFile(string Path, long Bytes, IReadOnlyDictionary<string, string> Partition);

static class SparkJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
