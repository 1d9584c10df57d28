namespace Pipeline.DuckDb.Tests;

/// <summary>Tests that measure memory or elapsed time run alone, after the parallel ones, so other tests cannot skew them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsolatedCollection
{
    public const string Name = "Isolated";
}
