using Pipeline.Spark.Planning;
using Pipeline.Spark.Sql;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Sql;

public sealed class DuckDbSqlTests
{
    [Theory]
    [InlineData("taxi_csv")]
    [InlineData("orders_auto")]
    [InlineData("checked_trips")]
    public void Statements_RepresentativeSpec_MatchGoldenScript(string sample)
    {
        var (request, schemas) = SparkSqlCompilerTests.Sample(sample);
        var plan = TransformPlanner.Plan(request, schemas);
        var sql = new DuckDbSql(plan);

        string[] direct = [sql.CreateSourceFileType(), sql.DirectCopy()];
        string[] staged = [sql.CreateRawTable(), .. plan.Sources.Select(sql.InsertRaw), sql.Tally(), .. sql.HasExpectations ? [sql.ExpectationTally()] : Array.Empty<string>(),
            sql.CopyGood(), sql.CopyBad()];

        Golden.Verify($"{sample}.duckdb.sql",
            $"-- Direct strategy\n{string.Join(";\n\n", direct)};\n\n-- Staged strategy\n{string.Join(";\n\n", staged)};\n");
    }

    [Fact]
    public void DirectCopy_HostileNames_QuotesIdentifiersAndLiterals()
    {
        var (request, schemas) = SampleRuns.Quoting();

        var copy = new DuckDbSql(TransformPlanner.Plan(request, schemas)).DirectCopy();

        Assert.Contains("\"it's \"\"odd\"\"\"", copy, StringComparison.Ordinal);
        Assert.Contains("'/lake/raw/odd/o''neil\\x.tsv'", copy, StringComparison.Ordinal);
        Assert.Contains("delim='\t'", copy, StringComparison.Ordinal);
        Assert.Contains("CAST('run''1`; --' AS ENUM('run''1`; --'))", copy, StringComparison.Ordinal);
    }
}
