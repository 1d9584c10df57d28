using Pipeline.Core.Grains;
using Pipeline.Silo.Storage;

namespace Pipeline.Silo.Grains;

[GrainType("registry")]
public sealed class DatasetRegistryGrain(
    [PersistentState("state", PipelineGrainStorage.Name)] IPersistentState<RegistryState> persisted) : Grain, IDatasetRegistryGrain
{
    public async Task AddAsync(string datasetId, CancellationToken cancellationToken = default)
    {
        var ids = persisted.State.Ids;
        var at = ids.BinarySearch(datasetId, StringComparer.Ordinal);
        if (at < 0)
        {
            ids.Insert(~at, datasetId);
            persisted.State.Version++;
            await persisted.WriteStateAsync(cancellationToken);
        }
    }

    public Task<DatasetIds> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new DatasetIds([.. persisted.State.Ids], persisted.State.Version));
}

[GenerateSerializer, Alias("pipeline.RegistryState")]
public sealed class RegistryState
{
    /// <summary>In ordinal order.</summary>
    [Id(0)]
    public List<string> Ids { get; set; } = [];

    [Id(1)]
    public long Version { get; set; }
}
