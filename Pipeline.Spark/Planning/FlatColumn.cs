using Pipeline.Spark.Types;

namespace Pipeline.Spark.Planning;

/// <summary>A leaf column after flattening: <c>a.b.c</c> becomes <c>a_b_c</c>.</summary>
/// <param name="Name">Flattened name.</param>
/// <param name="Path">Top-level column, then struct fields.</param>
/// <param name="Type">The leaf's type (a list or map stays whole).</param>
internal sealed record FlatColumn(string Name, IReadOnlyList<string> Path, DuckType Type);
