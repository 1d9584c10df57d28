namespace Pipeline.Core.Types;

/// <summary>What a <see cref="DuckType"/> is built from.</summary>
public enum DuckTypeKind
{
    /// <summary>A named type, possibly with arguments: <c>BIGINT</c>, <c>DECIMAL(10,2)</c>, <c>ENUM('a')</c>.</summary>
    Scalar,

    /// <summary><c>T[]</c> or the fixed-size <c>T[n]</c>.</summary>
    List,

    /// <summary><c>STRUCT(name T, ...)</c>.</summary>
    Struct,

    /// <summary><c>MAP(K, V)</c>.</summary>
    Map,

    /// <summary><c>UNION(tag T, ...)</c>.</summary>
    Union,
}
