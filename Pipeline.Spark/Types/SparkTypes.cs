using Pipeline.Spark.Sql;

namespace Pipeline.Spark.Types;

/// <summary>
/// DuckDB types as Spark SQL DDL. Types Spark lacks become the closest lossless one (unsigned integers widen,
/// HUGEINT becomes DECIMAL(38,0)) or STRING (TIME, INTERVAL, UUID, JSON, UNION, ENUM).
/// </summary>
internal static class SparkTypes
{
    /// <summary>The Spark SQL type for <paramref name="type"/>.</summary>
    public static string Of(DuckType type) => type.Kind switch
    {
        DuckTypeKind.List => $"ARRAY<{Of(type.Element!)}>",
        DuckTypeKind.Map => $"MAP<{Of(type.Element!)}, {Of(type.Value!)}>",
        DuckTypeKind.Struct => $"STRUCT<{string.Join(", ", type.Fields.Select(f => $"{SparkDialect.QuoteName(f.Name)}: {Of(f.Type)}"))}>",
        DuckTypeKind.Union => "STRING",
        _ => Scalar(type),
    };

    static string Scalar(DuckType type) => type.Name switch
    {
        "BOOLEAN" => "BOOLEAN",
        "TINYINT" => "TINYINT",
        "SMALLINT" or "UTINYINT" => "SMALLINT",
        "INTEGER" or "USMALLINT" => "INT",
        "BIGINT" or "UINTEGER" => "BIGINT",
        "UBIGINT" => "DECIMAL(20,0)",
        "HUGEINT" or "UHUGEINT" => "DECIMAL(38,0)",
        "FLOAT" => "FLOAT",
        "DOUBLE" => "DOUBLE",
        "DECIMAL" => type.Args is null ? "DECIMAL(18,3)" : $"DECIMAL({type.Args.Replace(" ", "", StringComparison.Ordinal)})",
        "DATE" => "DATE",
        "TIMESTAMP" or "TIMESTAMP_S" or "TIMESTAMP_MS" or "TIMESTAMP_NS" => "TIMESTAMP_NTZ",
        "TIMESTAMP WITH TIME ZONE" => "TIMESTAMP",
        "BLOB" => "BINARY",
        _ => "STRING",
    };
}
