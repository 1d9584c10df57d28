using Pipeline.Aws.Tests.Support;
using Pipeline.Core.State;

namespace Pipeline.Aws.Tests.Conformance;

[Collection(AwsCollection.Name)]
public sealed class DynamoDbGrainStorageConformance(AwsEmulators emulators) : GrainStorageConformance, IDisposable
{
    readonly TestTables tables = new(emulators);

    protected override IGrainStateStore CreateStore() => tables.Grains();

    public void Dispose() => tables.Dispose();
}
