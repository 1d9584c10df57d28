using Pipeline.Core.Transform;
using Pipeline.Spark.Types;

namespace Pipeline.Spark.Planning;

/// <summary>How one usable input file is read and mapped onto the output columns.</summary>
/// <param name="Index">Position in the run (names the Spark view).</param>
/// <param name="Input">The file.</param>
/// <param name="Format">Resolved format.</param>
/// <param name="Csv">How a CSV file is read: declared, or detected where the dataset is silent.</param>
/// <param name="ReadColumns">Top-level columns as read: all VARCHAR for CSV; declared JSON fields as VARCHAR.</param>
/// <param name="HasReadOverrides">True when <see cref="ReadColumns"/> differ from what the reader would sniff.</param>
/// <param name="Fields">Output column name to its source field; columns absent from this file are missing.</param>
internal sealed record SourcePlan(
    int Index,
    TransformInput Input,
    SourceFormat Format,
    CsvDialect Csv,
    IReadOnlyList<(string Name, DuckType Type)> ReadColumns,
    bool HasReadOverrides,
    IReadOnlyDictionary<string, SourceField> Fields);
