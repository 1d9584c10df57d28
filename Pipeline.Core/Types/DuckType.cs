namespace Pipeline.Core.Types;

/// <summary>
/// A DuckDB type as DuckDB prints it (DESCRIBE, <c>typeof</c>), parsed far enough to walk structs and lists
/// and to translate to Spark. Equality is by the canonical text.
/// </summary>
public sealed record DuckType
{
    /// <summary>The DuckDB <c>VARCHAR</c> type.</summary>
    public static readonly DuckType Varchar = Scalar("VARCHAR");

    /// <summary>The DuckDB <c>TIMESTAMP</c> type.</summary>
    public static readonly DuckType Timestamp = Scalar("TIMESTAMP");

    /// <summary>Which shape this type has.</summary>
    public required DuckTypeKind Kind { get; init; }

    /// <summary>Upper-cased base name (<c>DECIMAL</c>, <c>STRUCT</c>, <c>TIMESTAMP WITH TIME ZONE</c>; <c>LIST</c> for lists).</summary>
    public required string Name { get; init; }

    /// <summary>Raw text between the parentheses of a scalar (<c>10,2</c>), or null.</summary>
    public string? Args { get; init; }

    /// <summary>Struct or union fields, in order.</summary>
    public IReadOnlyList<DuckField> Fields { get; init; } = [];

    /// <summary>List element, or map key.</summary>
    public DuckType? Element { get; init; }

    /// <summary>Map value.</summary>
    public DuckType? Value { get; init; }

    /// <summary>Fixed array size text (<c>3</c> in <c>INTEGER[3]</c>); empty for a list.</summary>
    public string ArraySize { get; init; } = "";

    /// <summary>True for VARCHAR (aliases such as TEXT and STRING are canonicalised to it; VARCHAR(n) included).</summary>
    public bool IsText => Kind == DuckTypeKind.Scalar && Name == "VARCHAR";

    /// <summary>True for DATE and the timestamp types: the time transforms apply to them without a cast.</summary>
    public bool IsTemporal => Kind == DuckTypeKind.Scalar && Name is "DATE" or "TIMESTAMP" or "TIMESTAMP_S" or "TIMESTAMP_MS"
        or "TIMESTAMP_NS" or "TIMESTAMP WITH TIME ZONE";

    /// <summary>A scalar type; aliases become DuckDB's canonical names so that equal types compare equal.</summary>
    public static DuckType Scalar(string name, string? args = null) =>
        new() { Kind = DuckTypeKind.Scalar, Name = Canonical(name.Trim().ToUpperInvariant()), Args = args };

    /// <summary>A list of <paramref name="element"/>.</summary>
    public static DuckType ListOf(DuckType element, string size = "") => new() { Kind = DuckTypeKind.List, Name = "LIST", Element = element, ArraySize = size };

    /// <summary>Parses DuckDB's type text; throws <see cref="FormatException"/> when it is not one.</summary>
    public static DuckType Parse(string text) => DuckTypeParser.Parse(text);

    static string Canonical(string name) => name switch
    {
        "INT" or "INT4" or "SIGNED" => "INTEGER",
        "INT8" or "LONG" => "BIGINT",
        "INT2" or "SHORT" => "SMALLINT",
        "INT1" => "TINYINT",
        "BOOL" or "LOGICAL" => "BOOLEAN",
        "FLOAT4" or "REAL" => "FLOAT",
        "FLOAT8" => "DOUBLE",
        "TEXT" or "STRING" or "NVARCHAR" or "BPCHAR" or "CHAR" => "VARCHAR",
        "DATETIME" => "TIMESTAMP",
        "TIMESTAMPTZ" => "TIMESTAMP WITH TIME ZONE",
        "NUMERIC" => "DECIMAL",
        "BYTEA" or "BINARY" or "VARBINARY" => "BLOB",
        _ => name,
    };

    /// <summary>This type with the struct field at <paramref name="path"/> replaced by <paramref name="replacement"/>.</summary>
    public DuckType Replace(IReadOnlyList<string> path, DuckType replacement, int depth = 0)
    {
        if (depth == path.Count)
        {
            return replacement;
        }

        if (Kind != DuckTypeKind.Struct)
        {
            return this;
        }

        var fields = Fields.Select(f => f.Name == path[depth] ? f with { Type = f.Type.Replace(path, replacement, depth + 1) } : f);
        return this with { Fields = fields.ToList() };
    }

    /// <summary>Canonical DuckDB text: field names always quoted, so the text parses back the same.</summary>
    public override string ToString() => Kind switch
    {
        DuckTypeKind.List => $"{Element}[{ArraySize}]",
        DuckTypeKind.Struct or DuckTypeKind.Union =>
            $"{Name}({string.Join(", ", Fields.Select(f => $"\"{f.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" {f.Type}"))})",
        DuckTypeKind.Map => $"MAP({Element}, {Value})",
        _ => Args is null ? Name : $"{Name}({Args})",
    };

    /// <inheritdoc />
    public bool Equals(DuckType? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
