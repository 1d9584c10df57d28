using Pipeline.Core.Transform;
using Pipeline.Spark.Planning;

namespace Pipeline.Spark.Engine;

/// <summary>
/// The run's files sorted into those that can be read and those set aside whole. Readable files without a row
/// (empty, header only, <c>[]</c>) are in neither: they add nothing, not even columns.
/// </summary>
/// <param name="Usable">Readable files with rows, with their sniffed columns, in run order.</param>
/// <param name="Quarantined">Unreadable files with DuckDB's reason.</param>
/// <param name="CsvDialects">How each CSV file is read, by source key.</param>
public sealed record ProbeResult(IReadOnlyList<SourceSchema> Usable, IReadOnlyList<QuarantinedFile> Quarantined, IReadOnlyDictionary<string, CsvDialect> CsvDialects);
