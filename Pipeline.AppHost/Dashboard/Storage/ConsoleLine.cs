namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>One line a resource wrote to stdout or stderr.</summary>
/// <param name="Sequence">Increasing across all resources; a reader asks for lines after the last it saw.</param>
public sealed record ConsoleLine(long Sequence, DateTimeOffset Time, string Resource, string Text);
