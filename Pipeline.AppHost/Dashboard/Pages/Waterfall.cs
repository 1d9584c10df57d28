using Pipeline.AppHost.Dashboard.Storage;

namespace Pipeline.AppHost.Dashboard.Pages;

/// <summary>Orders a trace's spans as a tree (parents before children, siblings by start) with each span's depth.</summary>
internal static class Waterfall
{
    /// <summary>The spans depth-first; a span whose parent is not held counts as a root.</summary>
    public static List<(SpanData Span, int Depth)> Order(IReadOnlyList<SpanData> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = spans.Where(s => s.ParentSpanId is not null && ids.Contains(s.ParentSpanId))
            .GroupBy(s => s.ParentSpanId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Start).ToList(), StringComparer.Ordinal);
        var ordered = new List<(SpanData, int)>(spans.Count);
        var stack = new Stack<(SpanData, int)>();
        foreach (var root in spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).OrderByDescending(s => s.Start))
        {
            stack.Push((root, 0));
        }

        while (stack.Count > 0)
        {
            var (span, depth) = stack.Pop();
            ordered.Add((span, depth));
            if (children.TryGetValue(span.SpanId, out var list))
            {
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    stack.Push((list[i], depth + 1));
                }
            }
        }

        return ordered;
    }
}
