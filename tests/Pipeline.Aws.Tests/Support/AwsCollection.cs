namespace Pipeline.Aws.Tests.Support;

/// <summary>The tests that share one set of emulators (run one after another: the machine has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class AwsCollection : ICollectionFixture<AwsEmulators>
{
    /// <summary>The collection name.</summary>
    public const string Name = "aws emulators";
}
