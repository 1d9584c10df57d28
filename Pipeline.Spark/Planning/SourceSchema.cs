using Pipeline.Core.Transform;

namespace Pipeline.Spark.Planning;

/// <summary>
/// What the compilers need to know about one usable input file: how it is read and which columns it has.
/// The local engine gets it from <see cref="Engine.SourceProbe"/>; the EMR path can probe a staged copy the same way.
/// </summary>
/// <param name="Input">The file.</param>
/// <param name="Format">Its resolved format.</param>
/// <param name="Columns">Its top-level columns in file order.</param>
/// <param name="Csv">How a CSV file is read (null: as the dataset declares).</param>
public sealed record SourceSchema(TransformInput Input, SourceFormat Format, IReadOnlyList<SourceColumn> Columns, CsvDialect? Csv = null);
