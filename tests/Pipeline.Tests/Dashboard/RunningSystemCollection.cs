namespace Pipeline.Tests.Dashboard;

/// <summary>The dashboard tests that share one running system, run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class RunningSystemCollection : ICollectionFixture<RunningSystemFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Dashboard on a running system";
}
