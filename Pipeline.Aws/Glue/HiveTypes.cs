using Pipeline.Core.Types;

namespace Pipeline.Aws.Glue;

/// <summary>
/// A table column's DuckDB type as the Hive type Glue records and Athena reads the Parquet with. Types Hive lacks
/// become the closest lossless one (unsigned integers widen, HUGEINT becomes decimal(38,0)) or string.
/// </summary>
public static class HiveTypes
{
    /// <summary>The Hive type of DuckDB's type text (<c>STRUCT(a INTEGER)</c> -> <c>struct&lt;a:int&gt;</c>).</summary>
    public static string Of(string duckDbType) => Of(DuckType.Parse(duckDbType));

    static string Of(DuckType type) => type.Kind switch
    {
        DuckTypeKind.List => $"array<{Of(type.Element!)}>",
        DuckTypeKind.Map => $"map<{Of(type.Element!)},{Of(type.Value!)}>",
        DuckTypeKind.Struct => $"struct<{string.Join(",", type.Fields.Select(f => $"{f.Name}:{Of(f.Type)}"))}>",
        DuckTypeKind.Union => "string",
        _ => Scalar(type),
    };

    static string Scalar(DuckType type) => type.Name switch
    {
        "BOOLEAN" => "boolean",
        "TINYINT" => "tinyint",
        "SMALLINT" or "UTINYINT" => "smallint",
        "INTEGER" or "USMALLINT" => "int",
        "BIGINT" or "UINTEGER" => "bigint",
        "UBIGINT" => "decimal(20,0)",
        "HUGEINT" or "UHUGEINT" => "decimal(38,0)",
        "FLOAT" => "float",
        "DOUBLE" => "double",
        "DECIMAL" => type.Args is null ? "decimal(18,3)" : $"decimal({type.Args.Replace(" ", "", StringComparison.Ordinal)})",
        "DATE" => "date",
        "TIMESTAMP" or "TIMESTAMP_S" or "TIMESTAMP_MS" or "TIMESTAMP_NS" or "TIMESTAMP WITH TIME ZONE" => "timestamp",
        "BLOB" => "binary",
        _ => "string",
    };
}
