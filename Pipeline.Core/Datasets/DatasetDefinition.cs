namespace Pipeline.Core.Datasets;

/// <summary>
/// A dataset as its owner registers it (<c>PUT /api/datasets/{id}</c>). Every field but
/// <see cref="Format"/> is optional; <see cref="DatasetDefaults"/> fills the rest.
/// </summary>
[GenerateSerializer, Alias("pipeline.DatasetDefinition")]
public sealed record DatasetDefinition
{
    /// <summary><c>csv</c>, <c>json</c>, <c>ndjson</c>, <c>parquet</c> or <c>auto</c> (by file extension).</summary>
    [Id(0)]
    public string? Format { get; init; }

    /// <summary>CSV reading options.</summary>
    [Id(1)]
    public CsvOptions? Csv { get; init; }

    /// <summary>Declared column types (DuckDB type names); they win over inference.</summary>
    [Id(9)]
    public Dictionary<string, string>? Schema { get; init; }

    /// <summary>Partition columns: a column name, or <c>year|month|day|hour(column)</c>.</summary>
    [Id(2)]
    public List<string>? PartitionBy { get; init; }

    /// <summary>Columns identifying a row; the latest arrival wins.</summary>
    [Id(3)]
    public List<string>? PrimaryKey { get; init; }

    /// <summary>When a run starts.</summary>
    [Id(4)]
    public BatchPolicy? Batch { get; init; }

    /// <summary>How failed stage attempts are retried.</summary>
    [Id(5)]
    public RetryPolicy? Retry { get; init; }

    /// <summary>Curated views: name to SQL over the dataset's table; refreshed after every run.</summary>
    [Id(10)]
    public Dictionary<string, string>? Views { get; init; }

    /// <summary>Trim leading and trailing white space of string values (default true).</summary>
    [Id(6)]
    public bool? TrimStrings { get; init; }

    /// <summary>
    /// How text timestamps are written, strptime-style (<c>%m/%d/%Y %H:%M</c>); ISO text is read either way. Applies
    /// to TIMESTAMP columns and to text a time partition is derived from.
    /// </summary>
    [Id(7)]
    public string? TimestampFormat { get; init; }

    /// <summary>How text dates are written, strptime-style (<c>%b %d %Y</c>); ISO text is read either way. Applies to DATE columns.</summary>
    [Id(8)]
    public string? DateFormat { get; init; }

    /// <summary>
    /// The share of a CSV or NDJSON file's lines that may be malformed (wrong field count, an unclosed quote,
    /// invalid JSON) and set aside while its other lines land; above it the whole file is quarantined (default 0.1).
    /// </summary>
    [Id(11)]
    public double? MaxBadLineRatio { get; init; }

    /// <summary>Data-quality checks on each run's rows, each with what to do with rows that fail it.</summary>
    [Id(12)]
    public List<Expectations.ExpectationDefinition>? Expectations { get; init; }

    /// <summary>
    /// What a file whose columns differ from the table's does: <c>evolve</c> (default: new columns join the table),
    /// <c>freeze</c> (the file is quarantined whole) or <c>discardColumns</c> (its new columns are left out).
    /// </summary>
    [Id(13)]
    public string? SchemaDrift { get; init; }

    /// <summary>
    /// With the engine chosen by cost (<c>Pipeline:Transform:Engine=Auto</c>): a run whose files add up to more
    /// bytes than this goes to EMR, a smaller one to DuckDB in the silo. Unset: the silo's default.
    /// </summary>
    [Id(14)]
    public long? EmrAboveBytes { get; init; }
}

/// <summary>CSV reading options.</summary>
[GenerateSerializer, Alias("pipeline.CsvOptions")]
public sealed record CsvOptions
{
    /// <summary>Field delimiter (default <c>,</c>).</summary>
    [Id(0)]
    public string? Delimiter { get; init; }

    /// <summary>Quote character (default <c>"</c>).</summary>
    [Id(1)]
    public string? Quote { get; init; }

    /// <summary>First line holds column names (default true).</summary>
    [Id(2)]
    public bool? Header { get; init; }

    /// <summary>Text read as NULL (default empty).</summary>
    [Id(3)]
    public string? NullString { get; init; }

    /// <summary><c>utf-8</c> (default), <c>latin-1</c> (also <c>iso-8859-1</c>) or <c>utf-16</c>.</summary>
    [Id(4)]
    public string? Encoding { get; init; }
}

/// <summary>When the grain starts a run.</summary>
[GenerateSerializer, Alias("pipeline.BatchPolicy")]
public sealed record BatchPolicy
{
    /// <summary>Most files in one run (default 100).</summary>
    [Id(0)]
    public int? MaxFiles { get; init; }

    /// <summary>Wait this long after the first pending arrival before running; 0 runs at once (default 0).</summary>
    [Id(1)]
    public int? MaxWaitSeconds { get; init; }
}

/// <summary>How failed stage attempts are retried.</summary>
[GenerateSerializer, Alias("pipeline.RetryPolicy")]
public sealed record RetryPolicy
{
    /// <summary>Attempts per stage, the first included (default 5).</summary>
    [Id(0)]
    public int? MaxAttempts { get; init; }

    /// <summary>Base of the exponential backoff with full jitter (default 2 s).</summary>
    [Id(1)]
    public double? BaseDelaySeconds { get; init; }
}
