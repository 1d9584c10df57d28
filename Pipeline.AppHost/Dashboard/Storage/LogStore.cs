namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>The most recent structured log records (a ring buffer). Thread-safe.</summary>
public sealed class LogStore(int capacity)
{
    readonly Lock gate = new();
    readonly RingBuffer<LogEntry> logs = new(capacity);
    long sequence;

    /// <summary>Adds records, numbering them in arrival order; the oldest are dropped beyond the capacity.</summary>
    public void Add(IEnumerable<LogEntry> received)
    {
        lock (gate)
        {
            foreach (var entry in received)
            {
                logs.Add(entry with { Sequence = ++sequence }, out _);
            }
        }
    }

    /// <summary>Records passing <paramref name="query"/>, newest first.</summary>
    public IReadOnlyList<LogEntry> Query(LogQuery query)
    {
        lock (gate)
        {
            return logs.NewestFirst().Where(query.Matches).Take(Math.Max(1, query.Limit)).ToList();
        }
    }

    /// <summary>Resource names seen on the records held.</summary>
    public IReadOnlyList<string> Resources()
    {
        lock (gate)
        {
            return logs.Items().Select(l => l.Resource).Distinct(StringComparer.Ordinal).ToList();
        }
    }
}
