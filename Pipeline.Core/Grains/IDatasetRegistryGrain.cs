namespace Pipeline.Core.Grains;

/// <summary>
/// The registered dataset ids, for every silo and the Api: listing datasets, and telling each silo's folder
/// watch and listing which raw folders to look at. One activation in the cluster (key <see cref="Key"/>).
/// </summary>
[Alias("pipeline.IDatasetRegistryGrain")]
public interface IDatasetRegistryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    Task AddAsync(string datasetId, CancellationToken cancellationToken = default);

    /// <summary>Every registered id in order, and a version that grows with each registration.</summary>
    Task<DatasetIds> ListAsync(CancellationToken cancellationToken = default);
}

[GenerateSerializer, Immutable, Alias("pipeline.DatasetIds")]
public sealed record DatasetIds(IReadOnlyList<string> Ids, long Version);
