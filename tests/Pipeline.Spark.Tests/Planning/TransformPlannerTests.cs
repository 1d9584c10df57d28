using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Tests.Sql;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Planning;

public sealed class TransformPlannerTests
{
    [Fact]
    public void Plan_FilesWithDifferentColumns_UnionsByNameInFirstSeenOrder()
    {
        var (request, schemas) = SampleRuns.EventsJson();

        var plan = TransformPlanner.Plan(request, schemas);

        Assert.Equal(["id", "at", "device_id", "device_battery", "device_pos_lat", "device_pos_lon", "tags", "payload_kind", "payload_items"],
            plan.Columns.Select(c => c.Name));
        Assert.False(plan.Sources[1].Fields.ContainsKey("tags"));
    }

    [Fact]
    public void Plan_DeclaredJsonField_IsReadAsTextAndCastToDeclaredType()
    {
        var (request, schemas) = SampleRuns.EventsJson();

        var plan = TransformPlanner.Plan(request, schemas);

        var battery = plan.Columns.Single(c => c.Name == "device_battery");
        Assert.Equal(("VARCHAR", "DOUBLE", true), (battery.RawType.ToString(), battery.TargetText, battery.NeedsCast));
        Assert.True(plan.Sources[0].HasReadOverrides);
        Assert.Contains("\"battery\" VARCHAR", plan.Sources[0].ReadColumns.Single(c => c.Name == "device").Type.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_JsonColumnsTheTableAlreadyTypes_ReadTypedWhereTheyMatchAsTextWhereTheyDiffer()
    {
        var spec = Specs.Spec(new DatasetDefinition { Format = "ndjson" }, "events");
        var input = new TransformInput("/lake/raw/events/b.ndjson", "raw/events/b.ndjson", 2);
        var request = new TransformRequest(spec, "run-2", Specs.IngestedAt, [input], "/out", "/q",
            TableTypes: new Dictionary<string, string> { ["id"] = "BIGINT", ["tags"] = "BIGINT[]", ["price"] = "DOUBLE", ["_run_id"] = "VARCHAR" });
        var schema = new SourceSchema(input, SourceFormat.NdJson,
            [new SourceColumn("id", "BIGINT"), new SourceColumn("tags", "BIGINT[]"), new SourceColumn("price", "VARCHAR")]);

        var plan = TransformPlanner.Plan(request, [schema]);

        Assert.Equal(["id BIGINT", "tags BIGINT[]", "price VARCHAR"], plan.Sources[0].ReadColumns.Select(c => $"{c.Name} {c.Type}"));
        Assert.Equal([false, false, true], plan.Columns.Select(c => c.NeedsCast));
        Assert.Equal("DOUBLE", plan.Columns.Single(c => c.Name == "price").TargetText);
    }

    [Fact]
    public void Plan_CsvUndeclaredColumn_TargetsSniffedType()
    {
        var (request, schemas) = SampleRuns.TaxiCsv();

        var plan = TransformPlanner.Plan(request, schemas);

        var zone = plan.Columns.Single(c => c.Name == "zone");
        Assert.Equal(("VARCHAR", "VARCHAR", false), (zone.RawType.ToString(), zone.TargetText, zone.NeedsCast));
        Assert.Equal(["vendor_id", "pickup_datetime_day"], plan.Partitions.Select(p => p.Name));
    }

    [Fact]
    public void Plan_LineageNamedDataColumn_IsDropped()
    {
        var (request, schemas) = SampleRuns.Quoting();

        var plan = TransformPlanner.Plan(request, schemas);

        Assert.DoesNotContain(plan.Columns, c => c.Name == "_source_file");
    }

    [Fact]
    public void Plan_ReservedPrefix_ThrowsNonTransient()
    {
        var (request, schemas) = SampleRuns.TaxiCsv();
        var bad = schemas.Select(s => s with { Columns = [.. s.Columns, new SourceColumn("__pipeline_row", "BIGINT")] }).ToList();

        var error = Assert.Throws<TransformException>(() => TransformPlanner.Plan(request, bad));

        Assert.False(error.Transient);
    }

    [Fact]
    public void Plan_FlattenedNameCollides_ThrowsNamingColumn()
    {
        var spec = Specs.Spec(new DatasetDefinition { Format = "ndjson" }, "events");
        var input = new TransformInput("/x/a.ndjson", "raw/events/a.ndjson", 1);
        var request = new TransformRequest(spec, "r", Specs.IngestedAt, [input], "/out", "/q");
        SourceSchema[] schemas = [new(input, SourceFormat.NdJson, [new("a", "STRUCT(b INTEGER)"), new("a_b", "INTEGER")])];

        var error = Assert.Throws<TransformException>(() => TransformPlanner.Plan(request, schemas));

        Assert.Contains("'a_b'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run-42", "run-42")]
    [InlineData("a/b c:d", "a_b_c_d")]
    [InlineData("", "run")]
    public void SafeFilePrefix_RunId_KeepsOnlyFileNameCharacters(string runId, string expected) =>
        Assert.Equal(expected, TransformPlanner.SafeFilePrefix(runId));
}
