using Pipeline.Core.Datasets;
using Pipeline.Core.Lake;
using Pipeline.Silo.Grains;

namespace Pipeline.Silo.Arrivals;

/// <summary>Arrival feeds record through the dataset grains: once the call returns, the arrivals are durable.</summary>
public sealed class GrainArrivalSink(GrainRuntime grains) : IArrivalSink
{
    /// <inheritdoc />
    public async Task<ArrivalsRecorded?> RecordAsync(string dataset, IReadOnlyList<ArrivalNotice> notices, CancellationToken cancellationToken = default)
    {
        try
        {
            return await grains.CallAsync(dataset, (g, ct) => g.RecordArrivalsAsync(notices, ct), cancellationToken);
        }
        catch (GrainException ex) when (ex.Kind == GrainErrorKind.NotFound)
        {
            return null;
        }
    }
}
