using Pipeline.Core.Datasets;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Types;

namespace Pipeline.Spark.Sql;

/// <summary>Spark SQL: <c>`ident`</c>, <c>'lit'</c> with backslash escapes, Spark type names.</summary>
internal sealed class SparkDialect : SqlDialect
{
    /// <summary>The one instance.</summary>
    public static readonly SparkDialect Instance = new();

    /// <inheritdoc />
    public override string TextType => "STRING";

    /// <inheritdoc />
    public override string Quote(string identifier) => QuoteName(identifier);

    /// <summary>An identifier in backticks.</summary>
    public static string QuoteName(string identifier) => $"`{identifier.Replace("`", "``", StringComparison.Ordinal)}`";

    /// <inheritdoc />
    public override string Literal(string value) => LiteralOf(value);

    /// <summary>
    /// A Spark string literal: Spark's parser reads backslash escapes (spark.sql.parser.escapedStringLiterals
    /// is false by default), so backslashes and quotes are escaped, and control characters spelled out.
    /// </summary>
    public static string LiteralOf(string value)
    {
        var escaped = value
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("'", "\\'", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal)
            .Replace("\t", "\\t", StringComparison.Ordinal);
        return $"'{escaped}'";
    }

    /// <inheritdoc />
    public override string Type(DuckType type) => SparkTypes.Of(type);

    /// <inheritdoc />
    public override string TargetType(PlannedColumn column) => SparkTypes.Of(column.TargetType);

    // Microseconds since the epoch: exact, and independent of the session time zone.
    /// <inheritdoc />
    public override string TimestampTz(DateTimeOffset value) =>
        $"timestamp_micros({(value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10})";

    // try_to_timestamp (Spark 3.5) takes a Java DateTimeFormatter pattern, translated from the strptime format.
    /// <inheritdoc />
    public override string ParseTime(string text, string format, string type, bool strict) =>
        $"coalesce(CAST(try_to_timestamp({text}, {LiteralOf(TimeFormat.ToJava(format))}) AS {type}), {(strict ? Cast(text, type) : TryCast(text, type))})";

    /// <inheritdoc />
    public override string Trim(string text) => $"trim({text})";

    // The script sets spark.sql.session.timeZone=UTC, so Spark's TIMESTAMP already reads as UTC.
    /// <inheritdoc />
    public override string UtcWallClock(string timestampTz) => timestampTz;

    /// <inheritdoc />
    public override string FullMatch(string text, string pattern) => $"({text} RLIKE {Literal("^(?:" + pattern + ")$")})";

    /// <inheritdoc />
    public override string EpochSeconds(string temporal) => $"unix_timestamp({temporal})";

    /// <inheritdoc />
    public override string Derive(PartitionTransform transform, string temporal) => transform switch
    {
        PartitionTransform.Year => $"year({temporal})",
        PartitionTransform.Month => $"date_format({temporal}, 'yyyy-MM')",
        PartitionTransform.Day => $"to_date({temporal})",
        PartitionTransform.Hour => $"date_format({temporal}, 'yyyy-MM-dd-HH')",
        _ => temporal,
    };
}
