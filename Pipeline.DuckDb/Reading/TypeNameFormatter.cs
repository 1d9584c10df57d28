using System.Text;

namespace Pipeline.DuckDb.Reading;

/// <summary>
/// Spells a <see cref="ColumnType"/> the way DuckDB's typeof() does; the C API has no logical-type-to-string call.
/// </summary>
internal static class TypeNameFormatter
{
    public static string Format(ColumnType type)
    {
        if (type.Alias is { Length: > 0 } alias)
        {
            return alias;
        }

        return type.Id switch
        {
            DuckDbType.Decimal => $"DECIMAL({type.Width},{type.Scale})",
            DuckDbType.Enum => $"ENUM({string.Join(", ", type.EnumValues.Select(Quote))})",
            DuckDbType.List => $"{type.Element!.SqlName}[]",
            DuckDbType.Array => $"{type.Element!.SqlName}[{type.ArraySize}]",
            DuckDbType.Map => $"MAP({type.Element!.Children[0].SqlName}, {type.Element.Children[1].SqlName})",
            DuckDbType.Struct => $"STRUCT({Fields(type)})",
            DuckDbType.Union => $"UNION({Fields(type)})",
            _ => SimpleName(type.Id),
        };
    }

    private static string SimpleName(DuckDbType id) => id switch
    {
        DuckDbType.Boolean => "BOOLEAN",
        DuckDbType.TinyInt => "TINYINT",
        DuckDbType.SmallInt => "SMALLINT",
        DuckDbType.Integer => "INTEGER",
        DuckDbType.BigInt => "BIGINT",
        DuckDbType.UTinyInt => "UTINYINT",
        DuckDbType.USmallInt => "USMALLINT",
        DuckDbType.UInteger => "UINTEGER",
        DuckDbType.UBigInt => "UBIGINT",
        DuckDbType.HugeInt => "HUGEINT",
        DuckDbType.UHugeInt => "UHUGEINT",
        DuckDbType.Float => "FLOAT",
        DuckDbType.Double => "DOUBLE",
        DuckDbType.Timestamp => "TIMESTAMP",
        DuckDbType.TimestampS => "TIMESTAMP_S",
        DuckDbType.TimestampMs => "TIMESTAMP_MS",
        DuckDbType.TimestampNs => "TIMESTAMP_NS",
        DuckDbType.TimestampTz => "TIMESTAMP WITH TIME ZONE",
        DuckDbType.Date => "DATE",
        DuckDbType.Time => "TIME",
        DuckDbType.TimeNs => "TIME_NS",
        DuckDbType.TimeTz => "TIME WITH TIME ZONE",
        DuckDbType.Interval => "INTERVAL",
        DuckDbType.Varchar => "VARCHAR",
        DuckDbType.Blob => "BLOB",
        DuckDbType.Uuid => "UUID",
        DuckDbType.Bit => "BIT",
        DuckDbType.BigNum => "BIGNUM",
        DuckDbType.Geometry => "GEOMETRY",
        DuckDbType.Variant => "VARIANT",
        DuckDbType.SqlNull => "\"NULL\"",
        DuckDbType.Any => "ANY",
        _ => id.ToString().ToUpperInvariant(),
    };

    private static string Fields(ColumnType type)
    {
        var text = new StringBuilder();
        for (var i = 0; i < type.Children.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(Identifier(type.ChildNames[i])).Append(' ').Append(type.Children[i].SqlName);
        }

        return text.ToString();
    }

    // Same rule as DuckDB's KeywordHelper::RequiresQuotes with capitals allowed.
    private static string Identifier(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0])
            && name.All(c => char.IsAsciiLetter(c) || char.IsAsciiDigit(c) || c == '_')
            && !DuckDbKeywords.Contains(name)
            ? name
            : $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static string Quote(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
}
