using System.Text.RegularExpressions;

namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>The last console lines of every resource (one ring buffer each), for the console page. Thread-safe.</summary>
public sealed partial class ConsoleLogStore(int capacityPerResource, TimeProvider time)
{
    readonly Lock gate = new();
    readonly Dictionary<string, RingBuffer<ConsoleLine>> lines = new(StringComparer.Ordinal);
    long sequence;

    /// <summary>Records a line; colour escape codes are removed.</summary>
    public void Append(string resource, string text)
    {
        var clean = Ansi().Replace(text, "");
        lock (gate)
        {
            if (!lines.TryGetValue(resource, out var buffer))
            {
                lines[resource] = buffer = new RingBuffer<ConsoleLine>(capacityPerResource);
            }

            buffer.Add(new ConsoleLine(++sequence, time.GetUtcNow(), resource, clean), out _);
        }
    }

    /// <summary>Lines of <paramref name="resource"/> with a sequence above <paramref name="after"/>, oldest first, at most <paramref name="limit"/> (the newest).</summary>
    public IReadOnlyList<ConsoleLine> Read(string resource, long after = 0, int limit = 1000)
    {
        lock (gate)
        {
            if (!lines.TryGetValue(resource, out var buffer))
            {
                return [];
            }

            var newer = buffer.Items().Where(l => l.Sequence > after).ToList();
            return newer.Count > limit ? newer[^limit..] : newer;
        }
    }

    /// <summary>Names of the resources that wrote something.</summary>
    public IReadOnlyList<string> Resources()
    {
        lock (gate)
        {
            return lines.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();
}
