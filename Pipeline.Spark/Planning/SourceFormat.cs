namespace Pipeline.Spark.Planning;

/// <summary>How one input file is read, once <c>auto</c> and <c>json</c> have been resolved.</summary>
public enum SourceFormat
{
    /// <summary>Delimited text (<c>.csv</c>, <c>.tsv</c>).</summary>
    Csv,

    /// <summary>One JSON object per line (<c>.ndjson</c>, <c>.jsonl</c>, or <c>.json</c> not starting with <c>[</c>).</summary>
    NdJson,

    /// <summary>One top-level JSON array of objects (<c>.json</c> starting with <c>[</c>).</summary>
    JsonArray,

    /// <summary>Apache Parquet.</summary>
    Parquet,
}
