using Pipeline.Core.State;
using Pipeline.Silo.State;

namespace Pipeline.Aws.Tests.Conformance;

public sealed class SqliteGrainStorageConformance : GrainStorageConformance, IDisposable
{
    readonly SqliteFile file = new();

    protected override IGrainStateStore CreateStore() => new SqliteGrainStateStore(file.Store);

    public void Dispose() => file.Dispose();
}
