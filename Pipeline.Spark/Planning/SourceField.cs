using Pipeline.Spark.Types;

namespace Pipeline.Spark.Planning;

/// <summary>Where one output column comes from in one file: a path into its (possibly nested) columns.</summary>
/// <param name="Path">Top-level column, then struct fields.</param>
/// <param name="RawType">The type this file yields for it as read (VARCHAR where read as text).</param>
/// <param name="SniffedType">The type the reader infers for it: the target when the column is not declared.</param>
internal sealed record SourceField(IReadOnlyList<string> Path, DuckType RawType, DuckType SniffedType);
