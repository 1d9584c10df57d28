using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb.Reading;

/// <summary>
/// A managed copy of a duckdb_logical_type tree, taken once per result so that reading values never calls back
/// into the logical type API. MAP is described as a list of STRUCT(key, value), which is how its vector is laid out.
/// </summary>
internal sealed class ColumnType
{
    private string? _sqlName;

    private ColumnType(DuckDbType id)
    {
        Id = id;
    }

    public DuckDbType Id { get; }

    /// <summary>The alias DuckDB keeps for named types (JSON, user-defined types), or null.</summary>
    public string? Alias { get; private init; }

    /// <summary>Storage type of DECIMAL and ENUM values.</summary>
    public DuckDbType InternalType { get; private init; }

    public byte Width { get; private init; }

    public byte Scale { get; private init; }

    public IReadOnlyList<string> EnumValues { get; private init; } = [];

    /// <summary>Element type of LIST and ARRAY; the STRUCT(key, value) entry type of MAP.</summary>
    public ColumnType? Element { get; private init; }

    public int ArraySize { get; private init; }

    /// <summary>Fields of STRUCT, members of UNION.</summary>
    public IReadOnlyList<ColumnType> Children { get; private init; } = [];

    public IReadOnlyList<string> ChildNames { get; private init; } = [];

    /// <summary>DuckDB's SQL spelling of the type, e.g. <c>DECIMAL(10,2)</c> or <c>STRUCT(a INTEGER)[]</c>.</summary>
    public string SqlName => _sqlName ??= TypeNameFormatter.Format(this);

    public static ColumnType Primitive(DuckDbType id) => new(id);

    public static ColumnType From(LogicalTypeHandle type)
    {
        var id = NativeMethods.duckdb_get_type_id(type);
        var alias = NativeMethods.ReadOwned(NativeMethods.duckdb_logical_type_get_alias(type));
        return id switch
        {
            DuckDbType.Decimal => new ColumnType(id)
            {
                Alias = alias,
                Width = NativeMethods.duckdb_decimal_width(type),
                Scale = NativeMethods.duckdb_decimal_scale(type),
                InternalType = NativeMethods.duckdb_decimal_internal_type(type),
            },
            DuckDbType.Enum => new ColumnType(id)
            {
                Alias = alias,
                InternalType = NativeMethods.duckdb_enum_internal_type(type),
                EnumValues = ReadEnumValues(type),
            },
            DuckDbType.List => new ColumnType(id) { Alias = alias, Element = FromOwned(NativeMethods.duckdb_list_type_child_type(type)) },
            DuckDbType.Array => new ColumnType(id)
            {
                Alias = alias,
                Element = FromOwned(NativeMethods.duckdb_array_type_child_type(type)),
                ArraySize = checked((int)NativeMethods.duckdb_array_type_array_size(type)),
            },
            DuckDbType.Map => new ColumnType(id) { Alias = alias, Element = MapEntry(type) },
            DuckDbType.Struct => WithChildren(id, alias, type, NativeMethods.duckdb_struct_type_child_count,
                NativeMethods.duckdb_struct_type_child_name, NativeMethods.duckdb_struct_type_child_type),
            DuckDbType.Union => WithChildren(id, alias, type, NativeMethods.duckdb_union_type_member_count,
                NativeMethods.duckdb_union_type_member_name, NativeMethods.duckdb_union_type_member_type),
            _ => new ColumnType(id) { Alias = alias },
        };
    }

    private static ColumnType FromOwned(LogicalTypeHandle type)
    {
        using (type)
        {
            return From(type);
        }
    }

    private static ColumnType MapEntry(LogicalTypeHandle type) => new(DuckDbType.Struct)
    {
        Children = [FromOwned(NativeMethods.duckdb_map_type_key_type(type)), FromOwned(NativeMethods.duckdb_map_type_value_type(type))],
        ChildNames = ["key", "value"],
    };

    private static ColumnType WithChildren(
        DuckDbType id,
        string? alias,
        LogicalTypeHandle type,
        Func<LogicalTypeHandle, ulong> count,
        Func<LogicalTypeHandle, ulong, nint> name,
        Func<LogicalTypeHandle, ulong, LogicalTypeHandle> child)
    {
        var n = (int)count(type);
        var names = new string[n];
        var children = new ColumnType[n];
        for (var i = 0; i < n; i++)
        {
            names[i] = NativeMethods.ReadOwned(name(type, (ulong)i)) ?? string.Empty;
            children[i] = FromOwned(child(type, (ulong)i));
        }

        return new ColumnType(id) { Alias = alias, Children = children, ChildNames = names };
    }

    private static string[] ReadEnumValues(LogicalTypeHandle type)
    {
        var values = new string[NativeMethods.duckdb_enum_dictionary_size(type)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = NativeMethods.ReadOwned(NativeMethods.duckdb_enum_dictionary_value(type, (ulong)i)) ?? string.Empty;
        }

        return values;
    }
}
