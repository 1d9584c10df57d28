namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>The most recent spans (a ring buffer) indexed by trace id. Thread-safe.</summary>
public sealed class SpanStore(int capacity)
{
    readonly Lock gate = new();
    readonly RingBuffer<SpanData> spans = new(capacity);
    readonly Dictionary<string, List<SpanData>> traces = new(StringComparer.Ordinal);

    /// <summary>Spans held now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return spans.Count;
            }
        }
    }

    /// <summary>Adds spans; the oldest are dropped (and leave the index) beyond the capacity.</summary>
    public void Add(IEnumerable<SpanData> received)
    {
        lock (gate)
        {
            foreach (var span in received)
            {
                if (spans.Add(span, out var dropped) && dropped is not null
                    && traces.TryGetValue(dropped.TraceId, out var old) && old.Remove(dropped) && old.Count == 0)
                {
                    traces.Remove(dropped.TraceId);
                }

                if (!traces.TryGetValue(span.TraceId, out var list))
                {
                    traces[span.TraceId] = list = [];
                }

                list.Add(span);
            }
        }
    }

    /// <summary>The spans of one trace ordered by start, or null when none is held.</summary>
    public IReadOnlyList<SpanData>? Trace(string traceId)
    {
        lock (gate)
        {
            return traces.TryGetValue(traceId.ToLowerInvariant(), out var list)
                ? list.OrderBy(s => s.Start).ToList()
                : null;
        }
    }

    /// <summary>Traces passing <paramref name="query"/>, newest first.</summary>
    public IReadOnlyList<TraceSummary> Query(TraceQuery query)
    {
        List<List<SpanData>> all;
        lock (gate)
        {
            all = traces.Values.Select(l => l.ToList()).ToList();
        }

        return all.Select(TraceSummary.Of).Where(query.Matches)
            .OrderByDescending(t => t.Start).Take(Math.Max(1, query.Limit)).ToList();
    }

    /// <summary>Resource names seen on the spans held.</summary>
    public IReadOnlyList<string> Resources()
    {
        lock (gate)
        {
            return spans.Items().Select(s => s.Resource).Distinct(StringComparer.Ordinal).ToList();
        }
    }
}
