using Pipeline.Core.Datasets;
using Pipeline.Core.Runs;

namespace Pipeline.Core.Grains;

/// <summary>
/// One dataset: records every arrival exactly once, decides when runs start and drives their stages.
/// Refusals come back as <see cref="GrainException"/> (not found, conflict, invalid input).
/// </summary>
[Alias("pipeline.IDatasetGrain")]
public interface IDatasetGrain : IGrainWithStringKey
{
    /// <summary>Registers or updates the definition.</summary>
    Task<RegisterResult> RegisterAsync(DatasetDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>Records arrivals; a (key, ETag) seen before is a no-op. Durable once this returns.</summary>
    Task<ArrivalsRecorded> RecordArrivalsAsync(IReadOnlyList<ArrivalNotice> arrivals, CancellationToken cancellationToken = default);

    /// <summary>Starts a run of the pending files now, whatever the batching policy says.</summary>
    Task<RunStarted> TriggerRunAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts a failed run again from the stage that failed.</summary>
    Task<RunStarted> RetryAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Reads a succeeded run's files again with the current definition; its output replaces the old.</summary>
    Task<RunStarted> ReprocessAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Reads again, run by run, everything the dataset set aside (reprocess or retry); 202 with the first run.</summary>
    Task<ReplayInfo> ReplayAsync(CancellationToken cancellationToken = default);

    /// <summary>The latest replay: per run what was set aside before and after, what came back, what is still set aside.</summary>
    Task<ReplayInfo> GetReplayAsync(CancellationToken cancellationToken = default);

    Task<DatasetInfo> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>The runs kept in the state, newest first.</summary>
    Task<IReadOnlyList<RunInfo>> GetRunsAsync(CancellationToken cancellationToken = default);

    Task<RunInfo> GetRunAsync(string runId, CancellationToken cancellationToken = default);
}
