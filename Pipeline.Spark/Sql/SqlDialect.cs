using Pipeline.Core.Datasets;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Types;

namespace Pipeline.Spark.Sql;

/// <summary>
/// What differs between DuckDB SQL and Spark SQL in the statements the emitters write: quoting, literals,
/// type names and the time transforms. Everything else is shared through <see cref="RowExpressions"/>.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>An identifier, always quoted, with the quote character escaped.</summary>
    public abstract string Quote(string identifier);

    /// <summary>A string literal, escaped for this dialect.</summary>
    public abstract string Literal(string value);

    /// <summary>The dialect's name for a type.</summary>
    public abstract string Type(DuckType type);

    /// <summary>The dialect's name for a column's target type.</summary>
    public abstract string TargetType(PlannedColumn column);

    /// <summary>The text type (cast target for values quoted in reasons).</summary>
    public abstract string TextType { get; }

    /// <summary>A TIMESTAMPTZ constant for <paramref name="value"/>, exact to the microsecond.</summary>
    public abstract string TimestampTz(DateTimeOffset value);

    /// <summary>True when the whole of <paramref name="text"/> matches <paramref name="pattern"/> (RE2 in DuckDB, Java's regex in Spark).</summary>
    public abstract string FullMatch(string text, string pattern);

    /// <summary>A date or timestamp as seconds since 1970 (a timestamp without zone read as UTC).</summary>
    public abstract string EpochSeconds(string temporal);

    /// <summary>The derived partition value of a temporal expression.</summary>
    public abstract string Derive(PartitionTransform transform, string temporal);

    /// <summary>The text without leading and trailing spaces (ASCII 0x20, as Spark's <c>trim</c>).</summary>
    public abstract string Trim(string text);

    /// <summary>A TIMESTAMPTZ as the UTC wall-clock time, so time partitions do not depend on a session zone.</summary>
    public abstract string UtcWallClock(string timestampTz);

    /// <summary>
    /// Text in the dataset's <paramref name="format"/> (strptime-style), or ISO text, as <paramref name="type"/>;
    /// NULL when it is neither (<paramref name="strict"/>: an error instead).
    /// </summary>
    public abstract string ParseTime(string text, string format, string type, bool strict);

    /// <summary>A reference to a (possibly nested) column of the relation <paramref name="alias"/>.</summary>
    public string Path(string alias, IReadOnlyList<string> path) => string.Join(".", path.Prepend(alias).Select(Quote));

    /// <summary><c>CAST(expr AS type)</c>: fails on a value that does not convert.</summary>
    public static string Cast(string expr, string type) => $"CAST({expr} AS {type})";

    /// <summary><c>TRY_CAST(expr AS type)</c>: NULL for a value that does not convert (both dialects spell it so).</summary>
    public static string TryCast(string expr, string type) => $"TRY_CAST({expr} AS {type})";
}
