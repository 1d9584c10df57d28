using OpenTelemetry;
using Pipeline.Core.Grains;

namespace Pipeline.Silo.Arrivals;

/// <summary>
/// Tells a silo's arrival feed which datasets are registered, from the registry grain every silo sees: a dataset
/// registered through any silo is noticed here at the next poll. One instance per consumer (each keeps its own place).
/// </summary>
public sealed class DatasetNotices(IGrainFactory grains)
{
    long seen = -1;
    HashSet<string> known = new(StringComparer.Ordinal);

    /// <summary>Every registered dataset.</summary>
    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken cancellationToken = default) => (await ListAsync(cancellationToken)).Ids;

    /// <summary>Datasets registered since the last call (every one on the first call).</summary>
    public async Task<IReadOnlyList<string>> NewAsync(CancellationToken cancellationToken = default)
    {
        var list = await ListAsync(cancellationToken);
        if (list.Version == seen)
        {
            return [];
        }

        var fresh = list.Ids.Where(id => !known.Contains(id)).ToList();
        known = new HashSet<string>(list.Ids, StringComparer.Ordinal);
        seen = list.Version;
        return fresh;
    }

    // A poll every few seconds is not worth a trace of its own each time.
    async Task<DatasetIds> ListAsync(CancellationToken cancellationToken)
    {
        using var untraced = SuppressInstrumentationScope.Begin();
        return await grains.GetGrain<IDatasetRegistryGrain>(IDatasetRegistryGrain.Key).ListAsync(cancellationToken);
    }
}
