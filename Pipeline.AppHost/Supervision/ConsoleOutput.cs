using Pipeline.AppHost.Dashboard.Storage;

namespace Pipeline.AppHost.Supervision;

/// <summary>
/// Writes the AppHost's own lines and the children's forwarded lines, prefixed by resource name, and
/// keeps the last lines of each resource for the dashboard's console page.
/// </summary>
public sealed class ConsoleOutput(TextWriter writer, ConsoleLogStore? history = null)
{
    const int PrefixWidth = 8;
    readonly Lock gate = new();

    /// <summary>The recent lines of every resource.</summary>
    public ConsoleLogStore History { get; } = history ?? new ConsoleLogStore(Dashboard.DashboardOptions.DefaultMaxConsoleLines, TimeProvider.System);

    /// <summary>A line of the AppHost itself.</summary>
    public void Info(string message) => Write("apphost", message);

    /// <summary>A line forwarded from a resource's stdout or stderr.</summary>
    public void Write(string resource, string line)
    {
        History.Append(resource, line);
        lock (gate)
        {
            writer.WriteLine($"{resource.PadRight(PrefixWidth)}| {line}");
            writer.Flush();
        }
    }
}
