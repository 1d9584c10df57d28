using Pipeline.Core.Tables;

namespace Pipeline.Core.Grains;

/// <summary>The catalog's tables, read on whichever silo takes the call (the catalog is a shared store).</summary>
[Alias("pipeline.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<TableSummary>> ListTablesAsync(CancellationToken cancellationToken = default);

    /// <summary>One table; <see cref="GrainException"/> (not found) when there is none by that name.</summary>
    Task<TableInfo> GetTableAsync(string name, CancellationToken cancellationToken = default);
}
