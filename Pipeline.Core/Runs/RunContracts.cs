namespace Pipeline.Core.Runs;

/// <summary>States of a run.</summary>
[GenerateSerializer, Alias("pipeline.RunState")]
public enum RunState
{
    /// <summary>Created; its first stage has not started.</summary>
    Pending,

    /// <summary>A stage is running or waiting for a retry.</summary>
    Running,

    /// <summary>Every stage succeeded; the output is visible.</summary>
    Succeeded,

    /// <summary>A stage failed for good; the run can be retried.</summary>
    Failed,
}

/// <summary>The stages of a run, in order.</summary>
[GenerateSerializer, Alias("pipeline.Stage")]
public enum Stage
{
    /// <summary>Raw files to partitioned Parquet in the run's staging folder.</summary>
    Transform,

    /// <summary>Commit: the run's files become the table's, its schema and partitions are registered.</summary>
    Catalog,

    /// <summary>Curated views are refreshed.</summary>
    Curate,
}

/// <summary>One attempt of one stage.</summary>
[GenerateSerializer, Alias("pipeline.StageAttemptInfo")]
public sealed record StageAttemptInfo(
    Stage Stage, int Attempt, string Token, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Error, bool? Transient);

/// <summary>Row counts of a run.</summary>
/// <param name="LinesSetAside">Malformed lines set aside from files whose other lines landed.</param>
[GenerateSerializer, Alias("pipeline.RunCounts")]
public sealed record RunCounts(long RowsIn, long RowsWritten, long RowsQuarantined, int FilesQuarantined, long LinesSetAside = 0);

/// <summary>A run as the API shows it; <paramref name="TraceId"/> is the W3C trace of the run (upload, grain calls, stages).</summary>
[GenerateSerializer, Alias("pipeline.RunInfo")]
public sealed record RunInfo(
    string RunId,
    RunState State,
    Stage? CurrentStage,
    int Files,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? NextAttemptAt,
    RunCounts? Counts,
    IReadOnlyList<StageAttemptInfo> Attempts,
    IReadOnlyList<QuarantineInfo> Quarantined,
    int Reprocessed = 0,
    string? TraceId = null,
    IReadOnlyList<SourceFileInfo>? Sources = null,
    IReadOnlyList<Expectations.ExpectationResult>? Expectations = null,
    IReadOnlyList<SchemaDriftInfo>? SchemaDrift = null,
    EngineChoice? Engine = null);

/// <summary>Which engine ran the run's transform and why (<c>duckdb</c>: "1.2 MB in 3 files, within the EMR threshold of 1 GB").</summary>
[GenerateSerializer, Alias("pipeline.EngineChoice")]
public sealed record EngineChoice(string Engine, string Reason);

/// <summary>How a run read one of its files.</summary>
/// <param name="Dialect">A CSV file's dialect, declared or detected (<c>detected: delimiter ';', quote '"', header</c>).</param>
/// <param name="RowsRead">Rows read from the file, those that did not fit the schema included.</param>
/// <param name="SetAside">Malformed lines and rows that did not fit, by reason, most first.</param>
/// <param name="Quarantined">Why the whole file was set aside, when it was.</param>
[GenerateSerializer, Alias("pipeline.SourceFileInfo")]
public sealed record SourceFileInfo(string SourceKey, string? Dialect, long RowsRead, IReadOnlyList<Transform.SetAside> SetAside, string? Quarantined);

/// <summary>
/// A difference between the run's files and the table, and what the dataset's <c>schemaDrift</c> did about it.
/// </summary>
/// <param name="Change"><c>new column (DOUBLE)</c>, <c>missing</c>, or <c>VARCHAR where the table has BIGINT</c>.</param>
/// <param name="Action"><c>added to the table</c>, <c>left out</c>, <c>NULL in these files</c>, <c>file quarantined</c>, ...</param>
[GenerateSerializer, Alias("pipeline.SchemaDriftInfo")]
public sealed record SchemaDriftInfo(string Column, string Change, string Action, IReadOnlyList<string> Files);

/// <summary>A file or group of rows set aside by a run, with the reason.</summary>
[GenerateSerializer, Alias("pipeline.QuarantineInfo")]
public sealed record QuarantineInfo(string SourceKey, string Reason, string? Location);

/// <summary>Answer to <c>POST /api/datasets/{id}/runs</c>.</summary>
[GenerateSerializer, Immutable, Alias("pipeline.RunStarted")]
public sealed record RunStarted(string RunId);
