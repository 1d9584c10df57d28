using Pipeline.Core.Tables;
using Pipeline.Silo.Catalog;

namespace Pipeline.Aws.Tests.Conformance;

public sealed class SqliteTableCatalogConformance : TableCatalogConformance, IDisposable
{
    readonly SqliteFile file = new();

    protected override ITableCatalog Catalog() => new SqliteCatalog(file.Store, TimeProvider.System);

    public void Dispose() => file.Dispose();
}
