using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;

namespace Pipeline.Spark.Tests.Support;

/// <summary>Builds validated specs and requests the way the API does.</summary>
public static class Specs
{
    /// <summary>A fixed ingestion time, so lineage and golden files are stable.</summary>
    public static readonly DateTimeOffset IngestedAt = new DateTimeOffset(2024, 3, 1, 12, 30, 45, TimeSpan.Zero).AddTicks(1_234_560);

    /// <summary>Validates <paramref name="definition"/> as dataset <paramref name="id"/>; fails the test when invalid.</summary>
    public static DatasetSpec Spec(DatasetDefinition definition, string id = "taxi")
    {
        var spec = DatasetValidator.Validate(id, definition, out var errors);
        Assert.True(spec is not null, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return spec!;
    }

    /// <summary>The taxi spec of the examples: declared money and time types, partitioned by vendor and pickup day.</summary>
    public static DatasetSpec Taxi(string format = "csv") => Spec(new DatasetDefinition
    {
        Format = format,
        Schema = new() { ["fare_amount"] = "DECIMAL(10,2)", ["pickup_datetime"] = "TIMESTAMP", ["vendor_id"] = "INTEGER" },
        PartitionBy = ["vendor_id", "day(pickup_datetime)"],
    });

    /// <summary>A request for <paramref name="files"/> (raw keys <c>raw/&lt;dataset&gt;/&lt;file name&gt;</c>, arrival in list order).</summary>
    public static TransformRequest Request(DatasetSpec spec, TempFolder folder, IEnumerable<string> files, string runId = "run-1") =>
        new(spec, runId, IngestedAt,
            files.Select((f, i) => new TransformInput(f, $"raw/{spec.Id}/{Path.GetFileName(f)}", i + 1)).ToList(),
            folder["out"], folder["quarantine"]);
}
