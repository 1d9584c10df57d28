using Orleans.Concurrency;
using Pipeline.Core.Grains;
using Pipeline.Core.Tables;

namespace Pipeline.Silo.Catalog;

/// <summary>Reads the catalog on the silo that takes the call: the catalog store is shared, so any silo answers.</summary>
[StatelessWorker, GrainType("catalog")]
public sealed class CatalogGrain(ITableCatalog catalog) : Grain, ICatalogGrain
{
    public Task<IReadOnlyList<TableSummary>> ListTablesAsync(CancellationToken cancellationToken = default) => catalog.ListAsync(cancellationToken);

    public async Task<TableInfo> GetTableAsync(string name, CancellationToken cancellationToken = default) =>
        await catalog.GetAsync(name, cancellationToken) ?? throw new GrainException(GrainErrorKind.NotFound, $"There is no table '{name}'.");
}
