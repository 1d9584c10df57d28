using Pipeline.Core.Datasets;
using Pipeline.Core.Grains;
using Pipeline.Core.Lake;

namespace Pipeline.Silo.Arrivals;

/// <summary>Arrival feeds record through the dataset grains: once the call returns, the arrivals are durable.</summary>
public sealed class GrainArrivalSink(IGrainFactory grains) : IArrivalSink
{
    /// <inheritdoc />
    public async Task<ArrivalsRecorded?> RecordAsync(string dataset, IReadOnlyList<ArrivalNotice> notices, CancellationToken cancellationToken = default)
    {
        try
        {
            return await grains.GetGrain<IDatasetGrain>(dataset).RecordArrivalsAsync(notices, cancellationToken);
        }
        catch (GrainException ex) when (ex.Kind == GrainErrorKind.NotFound)
        {
            return null;
        }
    }
}
