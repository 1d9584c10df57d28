using System.Text.Json;
using Pipeline.Core.Queries;

namespace Pipeline.Tests.Silo.Queries;

/// <summary>Every DuckDB type comes back in the JSON page and the CSV file, with DuckDB's own type names.</summary>
public sealed class QueryResultTypesTests(QueryServiceFixture fixture) : IClassFixture<QueryServiceFixture>
{
    [Fact]
    public async Task Select_TypesDuckDbNetCannotRead_ComeBackAsDuckDbText()
    {
        var record = await fixture.RunAsync(fixture.Create(),
            "SELECT union_value(num := 2) AS u, 'POINT(1 2)'::GEOMETRY AS g, '12:00:00'::TIME_NS AS tn, 7 AS plain -- trailing comment");

        Assert.Equal(QueryState.Succeeded, record.State);
        Assert.Equal(["u", "g", "tn", "plain"], record.Columns.Select(c => c.Name));
        Assert.Equal(["UNION(num INTEGER)", "GEOMETRY", "TIME_NS", "INTEGER"], record.Columns.Select(c => c.Type));
        Assert.Equal(["2", "POINT (1 2)", "12:00:00", "7"], record.Rows.Single().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Select_ValuesOutsideDotNet_AreText_NestedValuesAreJson()
    {
        var record = await fixture.RunAsync(fixture.Create(),
            "SELECT 'infinity'::TIMESTAMP AS t, '-infinity'::DATE AS d, MAP {1: 'a'} AS m, {'a': 1, 'b': [1, 2]} AS s, '\\xAA\\xBB'::BLOB AS b, 12.5::DECIMAL(10,2) AS n, (SELECT sum(10::DECIMAL(10,2))) AS w");

        Assert.Equal(QueryState.Succeeded, record.State);
        var json = JsonSerializer.Serialize(record.Rows.Single());
        Assert.Equal("""["infinity","-infinity",[{"key":1,"value":"a"}],{"a":1,"b":[1,2]},"qrs=",12.50,10.00]""", json);
        var csv = File.ReadAllLines(fixture.Lake.PathOf(record.ResultsKey!));
        Assert.Equal("t,d,m,s,b,n,w", csv[0]);
        Assert.Equal("""infinity,-infinity,"[{""key"":1,""value"":""a""}]","{""a"":1,""b"":[1,2]}",qrs=,12.50,10.00""", csv[1]);
    }
}
