namespace Pipeline.Aws.Tests.Conformance;

/// <summary>A grain state as the conformance suites store it.</summary>
public sealed class TestState
{
    public const string NewNote = "new";

    public string Note { get; set; } = NewNote;

    public List<string> Runs { get; set; } = [];
}
