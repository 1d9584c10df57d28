namespace Pipeline.Spark.Types;

/// <summary>
/// The type one column gets when the run's files disagree on it: a type every value converts to without
/// loss or failure (a wider integer, DOUBLE, TIMESTAMP), VARCHAR as the last resort. Computed here rather
/// than left to the engine so that both dialects agree.
/// </summary>
internal static class TypeUnion
{
    const string TimestampTz = "TIMESTAMP WITH TIME ZONE";

    static readonly string[] SignedIntegers = ["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT"];
    static readonly string[] Numbers = ["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
        "UINTEGER", "UBIGINT", "FLOAT", "DOUBLE", "DECIMAL"];

    /// <summary>The union of two column types.</summary>
    public static DuckType Of(DuckType a, DuckType b)
    {
        if (a.Equals(b) || IsNull(b))
        {
            return a;
        }

        if (IsNull(a))
        {
            return b;
        }

        if (a.Kind != DuckTypeKind.Scalar || b.Kind != DuckTypeKind.Scalar)
        {
            return DuckType.Varchar;
        }

        var ia = Array.IndexOf(SignedIntegers, a.Name);
        var ib = Array.IndexOf(SignedIntegers, b.Name);
        if (ia >= 0 && ib >= 0)
        {
            return ia >= ib ? a : b;
        }

        if (Numbers.Contains(a.Name) && Numbers.Contains(b.Name))
        {
            return DuckType.Scalar("DOUBLE");
        }

        if (a.IsTemporal && b.IsTemporal)
        {
            // An instant wins over wall-clock times; otherwise microsecond TIMESTAMP holds DATE and the others.
            return a.Name == TimestampTz ? a : b.Name == TimestampTz ? b : DuckType.Timestamp;
        }

        return DuckType.Varchar;
    }

    // JSON columns that held only nulls in the sample come out as NULL (or "NULL" quoted).
    static bool IsNull(DuckType t) => t.Kind == DuckTypeKind.Scalar && t.Name is "NULL" or "\"NULL\"";
}
