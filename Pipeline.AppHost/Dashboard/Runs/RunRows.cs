namespace Pipeline.AppHost.Dashboard.Runs;

/// <summary>What the Pipeline page shows: the datasets from the Api, or why they could not be read.</summary>
public sealed record PipelineSnapshot(IReadOnlyList<DatasetRow> Datasets, string? Error);

/// <summary>One dataset with its most recent runs.</summary>
public sealed record DatasetRow(
    string Id, string? Format, long ArrivalsTotal, long ArrivalsPending, string? Table, IReadOnlyList<RunRow> Runs);

/// <summary>One run with its stage attempts and, when the dashboard holds it, its trace.</summary>
public sealed record RunRow(
    string RunId,
    string State,
    int Files,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    long? RowsIn,
    long? RowsWritten,
    long? RowsQuarantined,
    IReadOnlyList<StageAttemptRow> Attempts,
    string? TraceId);

/// <summary>One attempt of one stage of a run.</summary>
public sealed record StageAttemptRow(string Stage, int Attempt, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Error);
