namespace Pipeline.AppHost.Supervision;

/// <summary>Writes the AppHost's own lines and the children's forwarded lines, prefixed by resource name.</summary>
public sealed class ConsoleOutput(TextWriter writer)
{
    const int PrefixWidth = 8;
    readonly Lock gate = new();

    /// <summary>A line of the AppHost itself.</summary>
    public void Info(string message) => Write("apphost", message);

    /// <summary>A line forwarded from a resource's stdout or stderr.</summary>
    public void Write(string resource, string line)
    {
        lock (gate)
        {
            writer.WriteLine($"{resource.PadRight(PrefixWidth)}| {line}");
            writer.Flush();
        }
    }
}
