using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Aws.Tests.Conformance;

/// <summary>What a grain's persistent state holds; State starts null so a test sees what the storage put there.</summary>
public sealed class TestGrainState : IGrainState<TestState>
{
    [AllowNull]
    public TestState State { get; set; } = null!;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
