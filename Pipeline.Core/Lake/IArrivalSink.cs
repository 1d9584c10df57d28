using Pipeline.Core.Datasets;

namespace Pipeline.Core.Lake;

/// <summary>
/// Where an arrival feed hands the files it found (the silo's dataset grains). A feed acknowledges its
/// source (deletes a queue message, remembers a listing) only after this returns.
/// </summary>
public interface IArrivalSink
{
    /// <summary>
    /// Durably records the notices of one dataset (a repeated (key, ETag) is a no-op); null when the
    /// dataset is not registered.
    /// </summary>
    Task<ArrivalsRecorded?> RecordAsync(string dataset, IReadOnlyList<ArrivalNotice> notices, CancellationToken cancellationToken = default);
}
