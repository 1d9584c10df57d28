namespace Pipeline.Spark.Planning;

/// <summary>One top-level column of an input file, as DuckDB sniffs it.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Type">DuckDB type text, e.g. <c>BIGINT</c> or <c>STRUCT(b BIGINT, c VARCHAR[])</c>.</param>
public sealed record SourceColumn(string Name, string Type);
