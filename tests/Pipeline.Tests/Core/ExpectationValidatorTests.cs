using System.Text.Json;
using Pipeline.Core.Datasets;
using Pipeline.Core.Expectations;

namespace Pipeline.Tests.Core;

/// <summary>A definition's expectations as the API reads them (JSON, web defaults), validated with errors keyed by path.</summary>
public sealed class ExpectationValidatorTests
{
    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    static (DatasetSpec? Spec, Dictionary<string, string[]> Errors) Validate(string expectations)
    {
        var definition = JsonSerializer.Deserialize<DatasetDefinition>($$"""{"format": "csv", "expectations": {{expectations}}}""", Web)!;
        var spec = DatasetValidator.Validate("trips", definition, out var errors);
        return (spec, errors);
    }

    [Fact]
    public void EveryKindOfCheck_IsRead_WithNumbersAndTextAsWritten()
    {
        var (spec, errors) = Validate("""
            [{"name": "id", "action": "drop", "notNull": "trip_id"},
             {"name": "once", "action": "warn", "unique": "trip_id"},
             {"name": "fare", "action": "drop", "range": {"column": "fare", "min": 0, "max": 500.5}},
             {"name": "since", "action": "warn", "range": {"column": "pickup_at", "min": "2024-01-01"}},
             {"name": "zone", "action": "warn", "regex": {"column": "zone", "pattern": "[A-Z]{2}-\\d+"}},
             {"name": "pay", "action": "drop", "acceptedValues": {"column": "payment", "values": ["card", "cash", 3]}},
             {"name": "size", "action": "fail", "rowCount": {"min": 1, "max": 1000}},
             {"name": "fresh", "action": "warn", "freshness": {"column": "pickup_at", "maxAgeSeconds": 3600}},
             {"name": "tip", "action": "drop", "sql": "tip <= fare * 2 OR payment = 'cash'"}]
            """);

        Assert.Empty(errors);
        Assert.Equal<ExpectationCheck>([
            new NotNullCheck("trip_id"), new UniqueCheck("trip_id"), new RangeCheck("fare", "0", "500.5"), new RangeCheck("pickup_at", "2024-01-01", null),
            new RegexCheck("zone", "[A-Z]{2}-\\d+"), new AcceptedValuesCheck("payment", ["card", "cash", "3"]), new RowCountCheck(1, 1000),
            new FreshnessCheck("pickup_at", 3600), new SqlCheck("tip <= fare * 2 OR payment = 'cash'"),
        ], spec!.Expectations!.Select(e => e.Check), new CheckComparer());
        Assert.Equal([ExpectationAction.Drop, ExpectationAction.Warn], spec.Expectations!.Take(2).Select(e => e.Action));
    }

    [Theory]
    [InlineData("""[{"name": "a", "action": "ignore", "notNull": "x"}]""", "expectations[0].action", "'ignore' is not one of warn, drop, fail")]
    [InlineData("""[{"name": "a", "action": "warn"}]""", "expectations[0]", "needs one check: notNull, unique, range, regex, acceptedValues, rowCount, freshness or sql")]
    [InlineData("""[{"name": "a", "action": "warn", "notNull": "x", "unique": "x"}]""", "expectations[0]",
        "has 2 checks (notNull, unique); an expectation holds one, so give each its own name and action")]
    [InlineData("""[{"name": "a", "action": "drop", "rowCount": {"max": 5}}]""", "expectations[0].action",
        "'drop' needs a check of single rows; rowCount and freshness judge the run's rows together: use warn or fail")]
    [InlineData("""[{"name": "a", "action": "warn", "range": {"column": "x", "min": 5, "max": 1}}]""", "expectations[0].range", "min 5 is greater than max 1")]
    [InlineData("""[{"name": "a", "action": "warn", "regex": {"column": "x", "pattern": "a(?=b)"}}]""", "expectations[0].regex.pattern",
        "'(?=': lookarounds and back-references are not in RE2, the syntax DuckDB and the pattern use")]
    [InlineData("""[{"name": "a", "action": "warn", "regex": {"column": "x", "pattern": "a("}}]""", "expectations[0].regex.pattern", "is not a valid pattern")]
    [InlineData("""[{"name": "a", "action": "warn", "sql": "fare > (SELECT max(fare) FROM trips)"}]""", "expectations[0].sql",
        "'SELECT' is not allowed: the expression looks at the row's own columns (no queries, statements or file reads)")]
    [InlineData("""[{"name": "a", "action": "warn", "sql": "length(read_text('/etc/passwd')) > 0"}]""", "expectations[0].sql", "'read_text' is not allowed")]
    [InlineData("""[{"name": "a", "action": "warn", "sql": "true; DROP TABLE x"}]""", "expectations[0].sql", "must be one expression: ';' ends a statement")]
    [InlineData("""[{"name": "a", "action": "warn", "notNull": "x"}, {"name": "A", "action": "warn", "notNull": "y"}]""", "expectations[1].name",
        "'A' is the name of an earlier expectation; names tell the results apart")]
    [InlineData("""[{"name": "a", "action": "warn", "freshness": {"column": "t"}}]""", "expectations[0].freshness.maxAgeSeconds",
        "is required: seconds, more than 0 and at most ten years")]
    public void AnInvalidExpectation_IsRefused_KeyedByItsPath(string expectations, string path, string message)
    {
        var (spec, errors) = Validate(expectations);

        Assert.Null(spec);
        Assert.StartsWith(message, Assert.Single(errors[path]), StringComparison.Ordinal);
    }

    [Fact]
    public void TextInQuotes_IsNotTakenForAKeyword()
    {
        var (spec, errors) = Validate("""[{"name": "a", "action": "warn", "sql": "note <> 'select; from -- x' AND \"from\" IS NOT NULL"}]""");

        Assert.Empty(errors);
        Assert.NotNull(spec);
    }

    [Fact]
    public void ANumberBound_ReadsBackAsANumber()
    {
        var definition = JsonSerializer.Deserialize<DatasetDefinition>("""{"format": "csv", "expectations": [{"name": "f", "action": "warn", "range": {"column": "fare", "min": 0, "max": "9.5"}}]}""", Web)!;

        Assert.Contains("\"min\":0,\"max\":9.5", JsonSerializer.Serialize(definition, Web), StringComparison.Ordinal);
    }

    // Records holding lists compare the lists by reference.
    sealed class CheckComparer : IEqualityComparer<ExpectationCheck>
    {
        public bool Equals(ExpectationCheck? x, ExpectationCheck? y) => x is AcceptedValuesCheck a && y is AcceptedValuesCheck b
            ? a.Column == b.Column && a.Values.SequenceEqual(b.Values)
            : object.Equals(x, y);

        public int GetHashCode(ExpectationCheck obj) => 0;
    }
}
