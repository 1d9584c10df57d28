using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Spark.Driver;

/// <summary>
/// What the PySpark driver (<c>pipeline_driver.py</c>) is given for one run attempt: the compiled Spark SQL, the
/// run-scoped folder it writes to, and where to put its result. The driver refuses another <see cref="Version"/>.
/// </summary>
public sealed record SparkRunManifest(
    string Dataset, string RunId, string Attempt, string Script, string Output, string Result, string? Traceparent = null)
{
    public int Version { get; init; } = 1;

    public string ToJson() => JsonSerializer.Serialize(this, SparkJson.Options);
}

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

/// <summary>The failures of one expectation (by its index in the dataset's list) and an example of them.</summary>
public sealed record SparkExpectationResult(int Index, long Failed, string? Example);

/// <summary>A Parquet file the run wrote, relative to its output folder, with its partition values.</summary>
public sealed record SparkOutputFile(string Path, long Bytes, IReadOnlyDictionary<string, string> Partition);

static class SparkJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
