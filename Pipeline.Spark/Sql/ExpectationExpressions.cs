using System.Globalization;
using Pipeline.Core.Expectations;
using Pipeline.Spark.Planning;

namespace Pipeline.Spark.Sql;

/// <summary>
/// A dataset's expectations as expressions both dialects share, over the staged raw rows: for each, when a row
/// fails it and an example of the failing value. A <c>sql</c> expectation is judged while a file is staged, over
/// the row's typed values, into a BOOLEAN column of its own (<see cref="WithSqlChecks"/>).
/// </summary>
internal sealed class ExpectationExpressions(TransformPlan plan, SqlDialect dialect, RowExpressions rows)
{
    const int ExampleLength = 100;
    const string TypedAlias = "__pipeline_typed", RawPrefix = ReservedColumns.InternalPrefix + "raw_", SqlPrefix = ReservedColumns.InternalPrefix + "expect_";

    public IReadOnlyList<Expectation> All => plan.Request.Spec.Expectations ?? [];

    /// <summary>The staged column holding whether a row fails the <c>sql</c> expectation at <paramref name="index"/>.</summary>
    public static string SqlColumn(int index) => SqlPrefix + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The indexes of the <c>sql</c> expectations, whose result is staged with the row.</summary>
    public IEnumerable<int> SqlChecks => All.Select((e, i) => (e, i)).Where(x => x.e.Check is SqlCheck).Select(x => x.i);

    /// <summary>
    /// A file's raw select with a column per <c>sql</c> expectation: the expression sees the row's columns typed
    /// (the table's types), while the raw values are staged as read, with the lineage and dedupe-order columns
    /// after them as the raw select has them.
    /// </summary>
    public string WithSqlChecks(string rawSelect)
    {
        var sql = SqlChecks.ToList();
        if (sql.Count == 0)
        {
            return rawSelect;
        }

        string[] passThrough = plan.Dedupe ? [ReservedColumns.SourceFile, ReservedColumns.Arrival, ReservedColumns.Row] : [ReservedColumns.SourceFile];
        var typed = plan.Columns.Select((c, i) => $"{rows.Value(c)} AS {dialect.Quote(c.Name)}, {dialect.Quote(c.Name)} AS {dialect.Quote(Raw(i))}")
            .Concat(passThrough.Select(dialect.Quote));
        var staged = plan.Columns.Select((c, i) => $"{dialect.Quote(Raw(i))} AS {dialect.Quote(c.Name)}")
            .Concat(passThrough.Select(dialect.Quote))
            .Concat(sql.Select(i => $"{SqlFails(i)} AS {dialect.Quote(SqlColumn(i))}"));
        return $"SELECT {string.Join(", ", staged)}\nFROM (\nSELECT {string.Join(", ", typed)}\nFROM (\n{rawSelect}\n) AS {dialect.Quote(TypedAlias)}\n) AS {dialect.Quote(TypedAlias + "_rows")}";
    }

    /// <summary>
    /// A query that only binds the <c>sql</c> expectation at <paramref name="index"/> over a row of the run's columns
    /// (typed, NULL): it fails, naming the problem, when the expression is not valid over them.
    /// </summary>
    public string Probe(int index)
    {
        var row = plan.Columns.Select(c => $"CAST(NULL AS {dialect.TargetType(c)}) AS {dialect.Quote(c.Name)}");
        return $"SELECT {SqlFails(index)} FROM (SELECT {string.Join(", ", row)}) AS {dialect.Quote(TypedAlias)} LIMIT 0";
    }

    // The user's expression turned into "fails" (never NULL) over the typed row.
    string SqlFails(int index) => $"coalesce(NOT ({((SqlCheck)All[index].Check).Expression}), false)";

    /// <summary>True (never NULL) when the row fails the row check at <paramref name="index"/>; a NULL value fails only notNull.</summary>
    public string Fails(int index) => All[index].Check switch
    {
        NotNullCheck c => $"({Value(c.Column)} IS NULL)",
        RangeCheck c => $"coalesce({string.Join(" OR ", Bounds(c))}, false)",
        RegexCheck c => $"coalesce(NOT {dialect.FullMatch(Text(c.Column), c.Pattern)}, false)",
        AcceptedValuesCheck c => $"coalesce({Value(c.Column)} NOT IN ({string.Join(", ", c.Values.Select(v => Constant(c.Column, v)))}), false)",
        SqlCheck => dialect.Quote(SqlColumn(index)),
        _ => "false",
    };

    /// <summary>Text naming a failing row's value: <c>fare = '-3.5'</c>, <c>fare is NULL</c>, or the row's first values.</summary>
    public string Example(int index) => All[index].Check switch
    {
        NotNullCheck c => dialect.Literal($"{c.Column} is NULL"),
        RangeCheck c => Shown(c.Column),
        RegexCheck c => Shown(c.Column),
        AcceptedValuesCheck c => Shown(c.Column),
        _ => RowText(),
    };

    /// <summary>The reason a dropped row is quarantined with: the expectation's name, then the example.</summary>
    public RowCheck Drop(int index) =>
        new(Fails(index), $"concat({dialect.Literal($"expectation '{All[index].Name}' failed: ")}, {Example(index)})");

    /// <summary>
    /// The select items that judge the run's staged rows in <paramref name="table"/>: the rows checked (those that
    /// fit the schema), then per expectation its failures and an example (for freshness the newest time, in seconds
    /// since 1970, among the rows to be written; rowCount is judged on the rows written, so NULLs).
    /// </summary>
    /// <param name="tableKeys">
    /// For a <c>unique</c> expectation on the primary key: a relation of the keys the table already has (its
    /// earlier runs' rows); a row whose key is there fails too. Null where the table is not at hand (Spark).
    /// </param>
    public List<string> Tally(string table, Func<string, string?>? tableKeys = null)
    {
        var fits = $"NOT ({rows.SchemaBad()})";
        var items = new List<string> { $"CAST(sum(CASE WHEN {fits} THEN 1 ELSE 0 END) AS BIGINT)" };
        for (var i = 0; i < All.Count; i++)
        {
            switch (All[i].Check)
            {
                case UniqueCheck c:
                    var value = Value(c.Column);
                    var twice = $"(SELECT {Shown(c.Column)} FROM {table} WHERE {fits} AND {value} IS NOT NULL GROUP BY {value} HAVING count(*) > 1 LIMIT 1)";
                    var failed = $"count(CASE WHEN {fits} THEN {value} END) - count(DISTINCT CASE WHEN {fits} THEN {value} END)";
                    if (tableKeys?.Invoke(c.Column) is { } keys)
                    {
                        var known = $"{value} IN (SELECT {dialect.Quote(c.Column)} FROM {keys})";
                        items.Add($"{failed} + CAST(sum(CASE WHEN {fits} AND {known} THEN 1 ELSE 0 END) AS BIGINT)");
                        items.Add($"coalesce({twice}, min(CASE WHEN {fits} AND {known} THEN concat({Shown(c.Column)}, {dialect.Literal(" is in the table already")}) END))");
                    }
                    else
                    {
                        items.Add(failed);
                        items.Add(twice);
                    }

                    break;
                case FreshnessCheck c:
                    items.Add($"max(CASE WHEN NOT ({rows.Bad()}) THEN {EpochSeconds(c.Column)} END)");
                    items.Add("NULL");
                    break;
                case RowCountCheck:
                    items.Add("NULL");
                    items.Add("NULL");
                    break;
                default:
                    items.Add($"CAST(sum(CASE WHEN {fits} AND {Fails(i)} THEN 1 ELSE 0 END) AS BIGINT)");
                    items.Add($"min(CASE WHEN {fits} AND {Fails(i)} THEN {Example(i)} END)");
                    break;
            }
        }

        return items;
    }

    /// <summary>The column's typed value; NULL when no file of the run has the column.</summary>
    public string Value(string column) => Planned(column) is { } c ? rows.Value(c) : "NULL";

    /// <summary>The column's value in seconds since 1970 (a time column, or text read as a time); NULL otherwise.</summary>
    public string EpochSeconds(string column) => Planned(column) switch
    {
        { TargetType.IsTemporal: true } c => dialect.EpochSeconds(rows.Value(c)),
        { TargetType.IsText: true } c => dialect.EpochSeconds(SqlDialect.TryCast(rows.Value(c), dialect.Type(DuckType.Timestamp))),
        _ => "NULL",
    };

    PlannedColumn? Planned(string column) => plan.Columns.FirstOrDefault(c => ReservedColumns.Names.Equals(c.Name, column));

    IEnumerable<string> Bounds(RangeCheck c)
    {
        if (c.Min is not null)
        {
            yield return $"{Value(c.Column)} < {Constant(c.Column, c.Min)}";
        }

        if (c.Max is not null)
        {
            yield return $"{Value(c.Column)} > {Constant(c.Column, c.Max)}";
        }
    }

    // A bound or accepted value as the column's type (text for a column the run does not have).
    string Constant(string column, string value) => Planned(column) is { } c
        ? SqlDialect.Cast(dialect.Literal(value), dialect.TargetType(c))
        : dialect.Literal(value);

    string Text(string column) => $"CAST({Value(column)} AS {dialect.TextType})";

    string Shown(string column)
    {
        var quote = dialect.Literal("'");
        return $"concat({dialect.Literal(column + " = ")}, {quote}, left({Text(column)}, {ExampleLength}), {quote})";
    }

    // "id = '7', fare = '-3.5', ..." up to the example's length: a sql expectation may look at any column.
    string RowText()
    {
        var parts = plan.Columns.Take(8).Select(c => $"concat({dialect.Literal(c.Name + " = ")}, coalesce({Text(c.Name)}, 'NULL'))");
        return $"left(concat_ws(', ', {string.Join(", ", parts)}), {ExampleLength * 2})";
    }

    static string Raw(int index) => RawPrefix + index.ToString(CultureInfo.InvariantCulture);
}
