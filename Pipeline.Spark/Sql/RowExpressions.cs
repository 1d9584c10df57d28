using Pipeline.Spark.Planning;

namespace Pipeline.Spark.Sql;

/// <summary>
/// The per-row expressions both dialects share, over a relation holding the raw (staged) columns: typed
/// values, derived partitions, and the checks that quarantine a row.
/// </summary>
internal sealed class RowExpressions(TransformPlan plan, SqlDialect dialect)
{
    const int ReasonValueLength = 100;

    /// <summary>
    /// The column's output value, from the raw value (<paramref name="typed"/> false: cast with TRY_CAST, NULL
    /// when it does not convert) or from a value the read already converted to the target type.
    /// </summary>
    public string Value(PlannedColumn column, bool typed = false)
    {
        var value = dialect.Quote(column.Name);
        if (column.NeedsCast && !typed)
        {
            return Convert(value, column);
        }

        return Trims(column) ? dialect.Trim(value) : value;
    }

    /// <summary>The derived partition's value; NULL when its source is NULL or not a timestamp.</summary>
    public string Partition(PlannedPartition partition, bool typed = false)
    {
        var source = Value(partition.Source, typed);
        if (!partition.IsDerived)
        {
            return source;
        }

        var target = partition.Source.TargetType;
        var temporal = target.Name == "TIMESTAMP WITH TIME ZONE" ? dialect.UtcWallClock(source)
            : target.IsTemporal ? source
            : plan.Request.Spec.TimestampFormat is { } format && partition.Source.TargetType.IsText
                ? dialect.ParseTime(source, format, dialect.Type(DuckType.Timestamp), strict: false)
                : SqlDialect.TryCast(source, dialect.Type(DuckType.Timestamp));
        return dialect.Derive(partition.Transform, temporal);
    }

    /// <summary>The raw value as the column's target type, NULL when it does not convert; text times in the dataset's format.</summary>
    public string Convert(string raw, PlannedColumn column, bool strict = false) =>
        column.RawType.IsText && column.TimeFormat(plan.Request.Spec) is { } format
            ? dialect.ParseTime(raw, format, dialect.TargetType(column), strict)
            : strict ? SqlDialect.Cast(raw, dialect.TargetType(column)) : SqlDialect.TryCast(raw, dialect.TargetType(column));

    ExpectationExpressions? _expectations;

    /// <summary>The dataset's expectations over the same rows.</summary>
    public ExpectationExpressions Expectations => _expectations ??= new(plan, dialect, this);

    /// <summary>Every check a row must pass to be written (the schema's, then expectations that drop); empty when no row can fail.</summary>
    public IReadOnlyList<RowCheck> Checks() =>
        [.. SchemaChecks(), .. Expectations.All.Select((e, i) => (e, i)).Where(x => x.e.Action == Core.Expectations.ExpectationAction.Drop).Select(x => Expectations.Drop(x.i))];

    /// <summary>True for rows that do not fit the schema: they are not judged by expectations.</summary>
    public string SchemaBad() => AnyOf(SchemaChecks());

    // A value that does not convert, a partition without a value, a primary key that is NULL.
    List<RowCheck> SchemaChecks()
    {
        var checks = new List<RowCheck>();
        foreach (var column in plan.Columns.Where(c => c.NeedsCast))
        {
            var raw = dialect.Quote(column.Name);
            checks.Add(new RowCheck(
                $"({raw} IS NOT NULL AND {Convert(raw, column)} IS NULL)",
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
    public string Bad() => AnyOf(Checks());

    static string AnyOf(IReadOnlyList<RowCheck> checks) => checks.Count == 0 ? "false" : string.Join(" OR ", checks.Select(c => c.Predicate));

    /// <summary>All failed checks of a row, separated by "; ".</summary>
    public string Reason()
    {
        var checks = Checks();
        return checks.Count == 0
            ? "NULL"
            : $"concat_ws('; ', {string.Join(", ", checks.Select(c => $"CASE WHEN {c.Predicate} THEN {c.Reason} END"))})";
    }

    /// <summary>True when the column's text values are trimmed.</summary>
    public bool Trims(PlannedColumn column) => plan.Request.Spec.TrimStrings && column.RawType.IsText && column.TargetType.IsText;

    // The quote character through the dialect: Spark reads '' as two adjacent empty literals, not as a quote.
    string QuotedValue(string raw)
    {
        var quote = dialect.Literal("'");
        return $"concat({quote}, left(CAST({raw} AS {dialect.TextType}), {ReasonValueLength}), {quote})";
    }

    string Concat(string prefix, string value, string suffix) =>
        $"concat({dialect.Literal(prefix)}, {value}, {dialect.Literal(suffix)})";
}
