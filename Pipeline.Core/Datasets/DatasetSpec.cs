namespace Pipeline.Core.Datasets;

/// <summary>Input formats.</summary>
public enum DataFormat
{
    /// <summary>By file extension (.csv, .json, .ndjson/.jsonl, .parquet, optionally .gz).</summary>
    Auto,

    /// <summary>Delimited text.</summary>
    Csv,

    /// <summary>One object per line or one top-level array.</summary>
    Json,

    /// <summary>One JSON object per line.</summary>
    NdJson,

    /// <summary>Apache Parquet.</summary>
    Parquet,
}

/// <summary>A validated definition with every default applied: what the grain and the engines use.</summary>
public sealed record DatasetSpec(
    string Id,
    DataFormat Format,
    string CsvDelimiter,
    string CsvQuote,
    bool CsvHeader,
    string CsvNullString,
    IReadOnlyDictionary<string, string> Schema,
    IReadOnlyList<PartitionColumn> PartitionBy,
    IReadOnlyList<string> PrimaryKey,
    int BatchMaxFiles,
    int BatchMaxWaitSeconds,
    int RetryMaxAttempts,
    double RetryBaseDelaySeconds,
    IReadOnlyDictionary<string, string> Views,
    bool TrimStrings,
    string? TimestampFormat = null,
    string? DateFormat = null,
    CsvDeclared CsvDeclared = CsvDeclared.None,
    CsvEncoding CsvEncoding = CsvEncoding.Utf8,
    double MaxBadLineRatio = DatasetDefaults.MaxBadLineRatio,
    IReadOnlyList<Expectations.Expectation>? Expectations = null,
    SchemaDrift SchemaDrift = SchemaDrift.Evolve,
    long? EmrAboveBytes = null);

/// <summary>What a file whose columns differ from the table's does.</summary>
public enum SchemaDrift
{
    /// <summary>New columns join the table; missing ones are NULL; the table's types hold.</summary>
    Evolve,

    /// <summary>A file with new, missing or retyped columns is quarantined whole, the difference spelled out.</summary>
    Freeze,

    /// <summary>New columns are left out (unless declared in the schema); the rest loads as under evolve.</summary>
    DiscardColumns,
}

/// <summary>The text encodings a CSV file may declare: the ones DuckDB reads without an extension.</summary>
public enum CsvEncoding
{
    Utf8,
    Latin1,
    Utf16,
}

/// <summary>The CSV options a dataset declares; the others are detected per file.</summary>
[Flags]
public enum CsvDeclared
{
    None = 0,
    Delimiter = 1,
    Quote = 2,
    Header = 4,
}
