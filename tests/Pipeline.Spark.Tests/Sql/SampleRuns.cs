using Pipeline.Core.Datasets;
using Pipeline.Core.Expectations;
using Pipeline.Core.Transform;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Sql;

/// <summary>Representative requests with the schemas a probe would report: the inputs of the golden tests.</summary>
public static class SampleRuns
{
    static TransformRequest Request(DatasetSpec spec, string runId, params TransformInput[] files) =>
        new(spec, runId, Specs.IngestedAt, files, $"/lake/processed/{spec.Id}/{runId}", $"/lake/quarantine/{spec.Id}/{runId}");

    static SourceSchema Schema(TransformInput input, SourceFormat format, params (string Name, string Type)[] columns) =>
        new(input, format, columns.Select(c => new SourceColumn(c.Name, c.Type)).ToList());

    /// <summary>CSV taxi trips: declared types, partitioned by vendor and pickup day, two files.</summary>
    public static (TransformRequest, IReadOnlyList<SourceSchema>) TaxiCsv()
    {
        var a = new TransformInput("/lake/raw/taxi/2024-01-02.csv", "raw/taxi/2024-01-02.csv", 10);
        var b = new TransformInput("/lake/raw/taxi/2024-01-03.csv", "raw/taxi/2024-01-03.csv", 11);
        (string, string)[] columns = [("vendor_id", "BIGINT"), ("pickup_datetime", "TIMESTAMP"), ("fare_amount", "DOUBLE"), ("zone", "VARCHAR")];
        return (Request(Specs.Taxi(), "run-42", a, b), [Schema(a, SourceFormat.Csv, columns), Schema(b, SourceFormat.Csv, columns)]);
    }

    /// <summary>Nested JSON (array and lines) flattened, a declared nested field, hourly partitions, no trimming.</summary>
    public static (TransformRequest, IReadOnlyList<SourceSchema>) EventsJson()
    {
        var spec = Specs.Spec(new DatasetDefinition
        {
            Format = "json",
            Schema = new() { ["device_battery"] = "DOUBLE", ["at"] = "TIMESTAMP" },
            PartitionBy = ["hour(at)"],
            TrimStrings = false,
        }, "events");
        var a = new TransformInput("/lake/raw/events/batch.json", "raw/events/batch.json", 1);
        var b = new TransformInput("/lake/raw/events/stream.json", "raw/events/stream.json", 2);
        return (Request(spec, "evt-1", a, b),
        [
            Schema(a, SourceFormat.JsonArray, ("id", "BIGINT"), ("at", "VARCHAR"),
                ("device", "STRUCT(id VARCHAR, battery DOUBLE, pos STRUCT(lat DOUBLE, lon DOUBLE))"), ("tags", "VARCHAR[]")),
            Schema(b, SourceFormat.NdJson, ("id", "BIGINT"), ("at", "VARCHAR"), ("device", "STRUCT(id VARCHAR, battery JSON)"),
                ("payload", "STRUCT(\"kind\" VARCHAR, items STRUCT(sku VARCHAR, qty BIGINT)[])")),
        ]);
    }

    /// <summary>Auto format over Parquet and gzipped CSV, primary-key dedupe, month and identity partitions.</summary>
    public static (TransformRequest, IReadOnlyList<SourceSchema>) OrdersAuto()
    {
        var spec = Specs.Spec(new DatasetDefinition
        {
            Format = "auto",
            Schema = new() { ["order_id"] = "BIGINT", ["amount"] = "DECIMAL(12,2)" },
            PrimaryKey = ["order_id"],
            PartitionBy = ["region", "month(placed_at)"],
        }, "orders");
        var a = new TransformInput("/lake/raw/orders/export.parquet", "raw/orders/export.parquet", 5);
        var b = new TransformInput("/lake/raw/orders/fix.csv.gz", "raw/orders/fix.csv.gz", 6);
        return (Request(spec, "orders-run-3", a, b),
        [
            Schema(a, SourceFormat.Parquet, ("order_id", "INTEGER"), ("amount", "DECIMAL(12,2)"), ("region", "VARCHAR"), ("placed_at", "TIMESTAMP WITH TIME ZONE")),
            Schema(b, SourceFormat.Csv, ("order_id", "BIGINT"), ("amount", "DOUBLE"), ("region", "VARCHAR"), ("placed_at", "TIMESTAMP"), ("note", "VARCHAR")),
        ]);
    }

    /// <summary>Hostile names: quotes, backticks and backslashes in columns, paths, keys and the run id; TSV; unpartitioned.</summary>
    public static (TransformRequest, IReadOnlyList<SourceSchema>) Quoting()
    {
        var spec = Specs.Spec(new DatasetDefinition
        {
            Format = "auto",
            Csv = new CsvOptions { Quote = "'", NullString = "\\N" },
            Schema = new() { ["it's \"odd\""] = "INTEGER" },
        }, "odd");
        var a = new TransformInput("/lake/raw/odd/o'neil\\x.tsv", "raw/odd/o'neil\\x.tsv; DROP TABLE t; --", 1);
        return (Request(spec, "run'1`; --", a),
            [Schema(a, SourceFormat.Csv, ("it's \"odd\"", "BIGINT"), ("back`tick", "VARCHAR"), ("_source_file", "VARCHAR"))]);
    }

    /// <summary>Parquet readings: TIMESTAMPTZ source for a day partition and a year partition, a declared cast.</summary>
    public static (TransformRequest, IReadOnlyList<SourceSchema>) ReadingsParquet()
    {
        var spec = Specs.Spec(new DatasetDefinition
        {
            Format = "parquet",
            Schema = new() { ["value"] = "DECIMAL(9,3)" },
            PartitionBy = ["year(taken_at)", "day(taken_at)"],
        }, "readings");
        var a = new TransformInput("/lake/raw/readings/part-0.parquet", "raw/readings/part-0.parquet", 1);
        return (Request(spec, "r-2024-06", a),
            [Schema(a, SourceFormat.Parquet, ("sensor", "UINTEGER"), ("taken_at", "TIMESTAMP WITH TIME ZONE"), ("value", "FLOAT"), ("flags", "MAP(VARCHAR, BOOLEAN)"))]);
    }

    /// <summary>CSV trips with an expectation of every kind and every action.</summary>
    public static (TransformRequest, IReadOnlyList<SourceSchema>) CheckedTrips()
    {
        var spec = Specs.Spec(new DatasetDefinition
        {
            Format = "csv",
            Schema = new() { ["fare"] = "DECIMAL(10,2)", ["pickup_at"] = "TIMESTAMP" },
            Expectations =
            [
                new() { Name = "trip_id_present", Action = "drop", NotNull = "trip_id" },
                new() { Name = "trip_id_unique", Action = "warn", Unique = "trip_id" },
                new() { Name = "fare_in_range", Action = "drop", Range = new() { Column = "fare", Min = "0", Max = "500" } },
                new() { Name = "zone_code", Action = "warn", Regex = new() { Column = "zone", Pattern = @"[A-Z]{2}-\d+" } },
                new() { Name = "known_payment", Action = "drop", AcceptedValues = new() { Column = "payment", Values = ["card", "cash"] } },
                new() { Name = "batch_size", Action = "fail", RowCount = new() { Min = 1, Max = 1_000_000 } },
                new() { Name = "recent", Action = "warn", Freshness = new() { Column = "pickup_at", MaxAgeSeconds = 86_400 } },
                new() { Name = "tip_below_fare", Action = "drop", Sql = "tip <= fare" },
            ],
        }, "trips");
        var a = new TransformInput("/lake/raw/trips/2024-03-01.csv", "raw/trips/2024-03-01.csv", 3);
        return (Request(spec, "run-7", a),
            [Schema(a, SourceFormat.Csv, ("trip_id", "BIGINT"), ("pickup_at", "TIMESTAMP"), ("fare", "DOUBLE"), ("tip", "DOUBLE"), ("zone", "VARCHAR"), ("payment", "VARCHAR"))]);
    }
}
