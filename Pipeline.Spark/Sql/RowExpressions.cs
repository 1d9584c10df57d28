using Pipeline.Spark.Planning;

namespace Pipeline.Spark.Sql;

/// <summary>One reason a row can be set aside: a predicate over the staged raw row, and the text naming it.</summary>
/// <param name="Predicate">True when the row fails this check (never NULL).</param>
/// <param name="Reason">Text expression naming the column and the value.</param>
internal sealed record RowCheck(string Predicate, string Reason);

/// <summary>
/// The per-row expressions both dialects share, over a relation holding the raw (staged) columns: typed
/// values, derived partitions, and the checks that quarantine a row.
/// </summary>
internal sealed class RowExpressions(TransformPlan plan, SqlDialect dialect)
{
    const int ReasonValueLength = 100;

    /// <summary>The column's output value; <paramref name="strict"/> casts fail instead of yielding NULL.</summary>
    public string Value(PlannedColumn column, bool strict = false)
    {
        var raw = dialect.Quote(column.Name);
        if (column.NeedsCast)
        {
            var type = dialect.TargetType(column);
            return strict ? SqlDialect.Cast(raw, type) : SqlDialect.TryCast(raw, type);
        }

        return Trims(column) ? $"trim({raw})" : raw;
    }

    /// <summary>The derived partition's value; NULL when its source is NULL or not a timestamp.</summary>
    public string Partition(PlannedPartition partition, bool strict = false)
    {
        var source = Value(partition.Source, strict);
        if (!partition.IsDerived)
        {
            return source;
        }

        var target = partition.Source.TargetType;
        var temporal = target.Name == "TIMESTAMP WITH TIME ZONE" ? dialect.UtcWallClock(source)
            : target.IsTemporal ? source
            : SqlDialect.TryCast(source, dialect.Type(Types.DuckType.Timestamp));
        return dialect.Derive(partition.Transform, temporal);
    }

    /// <summary>Every check a row must pass to be written; empty when no row can fail.</summary>
    public IReadOnlyList<RowCheck> Checks()
    {
        var checks = new List<RowCheck>();
        foreach (var column in plan.Columns.Where(c => c.NeedsCast))
        {
            var raw = dialect.Quote(column.Name);
            checks.Add(new RowCheck(
                $"({raw} IS NOT NULL AND {SqlDialect.TryCast(raw, dialect.TargetType(column))} IS NULL)",
                Concat($"{column.Name}: ", QuotedValue(raw), $" is not {column.TargetText}")));
        }

        foreach (var partition in plan.DerivedPartitions)
        {
            var source = dialect.Quote(partition.Source.Name);
            var name = $"{partition.Name}: {partition.Source.Name}";
            checks.Add(new RowCheck(
                $"({Partition(partition)} IS NULL)",
                $"CASE WHEN {source} IS NULL THEN {dialect.Literal(name + " is NULL")} ELSE {Concat(name + " ", QuotedValue(source), " is not a timestamp")} END"));
        }

        foreach (var key in plan.PrimaryKey)
        {
            checks.Add(new RowCheck($"({Value(key)} IS NULL)", dialect.Literal($"primary key {key.Name} is NULL")));
        }

        return checks;
    }

    /// <summary>True for rows to quarantine.</summary>
    public string Bad()
    {
        var checks = Checks();
        return checks.Count == 0 ? "false" : string.Join(" OR ", checks.Select(c => c.Predicate));
    }

    /// <summary>All failed checks of a row, separated by "; ".</summary>
    public string Reason()
    {
        var checks = Checks();
        return checks.Count == 0
            ? "NULL"
            : $"concat_ws('; ', {string.Join(", ", checks.Select(c => $"CASE WHEN {c.Predicate} THEN {c.Reason} END"))})";
    }

    bool Trims(PlannedColumn column) => plan.Request.Spec.TrimStrings && column.RawType.IsText && column.TargetType.IsText;

    string QuotedValue(string raw) => $"concat('''', left(CAST({raw} AS {dialect.TextType}), {ReasonValueLength}), '''')";

    string Concat(string prefix, string value, string suffix) =>
        $"concat({dialect.Literal(prefix)}, {value}, {dialect.Literal(suffix)})";
}
