using Pipeline.Aws.Tests.Support;
using Pipeline.Core.Tables;

namespace Pipeline.Aws.Tests.Conformance;

/// <summary>The catalog contract on the Glue catalog, against a fake Glue (ours, checked against Glue's model).</summary>
public sealed class GlueTableCatalogFakeConformance : TableCatalogConformance, IAsyncLifetime
{
    FakeGlue glue = null!;

    public async Task InitializeAsync() => glue = await FakeGlue.StartAsync();

    protected override ITableCatalog Catalog() => glue.Catalog("lake", "s3://bucket/");

    public async Task DisposeAsync()
    {
        var problems = glue.Problems.ToList();
        await glue.DisposeAsync();
        Assert.Empty(problems);
    }
}
