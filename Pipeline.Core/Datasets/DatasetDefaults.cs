namespace Pipeline.Core.Datasets;

/// <summary>The defaults of a dataset definition, in one place.</summary>
public static class DatasetDefaults
{
    /// <summary>CSV delimiter.</summary>
    public const string CsvDelimiter = ",";

    /// <summary>CSV quote.</summary>
    public const string CsvQuote = "\"";

    /// <summary>CSV null text.</summary>
    public const string CsvNullString = "";

    /// <summary>
    /// Share of a file's lines that may be malformed and set aside while the rest land: one bad line in ten is a file
    /// with a few broken records, more is more likely the wrong dialect or a different file, better kept whole.
    /// </summary>
    public const double MaxBadLineRatio = 0.1;

    /// <summary>Most files per run.</summary>
    public const int BatchMaxFiles = 100;

    /// <summary>Upper bound of <see cref="BatchPolicy.MaxFiles"/>.</summary>
    public const int BatchMaxFilesLimit = 10_000;

    /// <summary>Batching window (0: run at once).</summary>
    public const int BatchMaxWaitSeconds = 0;

    /// <summary>Upper bound of the batching window (one day).</summary>
    public const int BatchMaxWaitSecondsLimit = 86_400;

    /// <summary>Attempts per stage.</summary>
    public const int RetryMaxAttempts = 5;

    /// <summary>Upper bound of attempts per stage.</summary>
    public const int RetryMaxAttemptsLimit = 20;

    /// <summary>Backoff base in seconds.</summary>
    public const double RetryBaseDelaySeconds = 2;
}
