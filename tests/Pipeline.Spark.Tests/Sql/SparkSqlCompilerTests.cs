using Pipeline.Core.Transform;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Sql;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Sql;

public sealed class SparkSqlCompilerTests
{
    public static TheoryData<string> Samples => new() { "taxi_csv", "events_json", "orders_auto", "quoting", "readings_parquet", "checked_trips" };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Compile_RepresentativeSpec_MatchesGoldenScript(string sample)
    {
        var (request, schemas) = Sample(sample);

        var script = SparkSqlCompiler.Compile(request, schemas);

        Golden.Verify($"{sample}.spark.sql", script);
    }

    [Fact]
    public void Compile_HostileNames_KeepsEveryIdentifierAndLiteralEscaped()
    {
        var (request, schemas) = SampleRuns.Quoting();

        var script = SparkSqlCompiler.Compile(request, schemas);

        Assert.Contains("`back``tick`", script, StringComparison.Ordinal);
        Assert.Contains("'raw/odd/o\\'neil\\\\x.tsv; DROP TABLE t; --'", script, StringComparison.Ordinal);
        Assert.DoesNotContain("o'neil", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_DeclaredColumnMissing_ThrowsNonTransient()
    {
        var (request, schemas) = SampleRuns.TaxiCsv();
        var narrowed = schemas.Select(s => s with { Columns = s.Columns.Where(c => c.Name != "fare_amount").ToList() }).ToList();

        var error = Assert.Throws<TransformException>(() => SparkSqlCompiler.Compile(request, narrowed));

        Assert.False(error.Transient);
        Assert.Contains("'fare_amount'", error.Message, StringComparison.Ordinal);
    }

    internal static (TransformRequest, IReadOnlyList<SourceSchema>) Sample(string name) => name switch
    {
        "taxi_csv" => SampleRuns.TaxiCsv(),
        "events_json" => SampleRuns.EventsJson(),
        "orders_auto" => SampleRuns.OrdersAuto(),
        "quoting" => SampleRuns.Quoting(),
        "checked_trips" => SampleRuns.CheckedTrips(),
        _ => SampleRuns.ReadingsParquet(),
    };
}
