
namespace Pipeline.Core.Tables;

/// <summary>Describes how a table's columns changed between two versions, for the version history.</summary>
public static class SchemaChange
{
    /// <summary>"created", "added a, b", "type of c: INTEGER -> BIGINT", ...</summary>
    public static string Describe(IReadOnlyList<ColumnInfo> before, IReadOnlyList<ColumnInfo> after)
    {
        if (before.Count == 0)
        {
            return "created";
        }

        var old = before.ToDictionary(c => c.Name, c => c.Type);
        var parts = new List<string>();
        var added = after.Where(c => !old.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        if (added.Count > 0)
        {
            parts.Add("added " + string.Join(", ", added));
        }

        var removed = before.Where(c => after.All(a => a.Name != c.Name)).Select(c => c.Name).ToList();
        if (removed.Count > 0)
        {
            parts.Add("no longer written: " + string.Join(", ", removed));
        }

        parts.AddRange(after.Where(c => old.TryGetValue(c.Name, out var t) && t != c.Type)
            .Select(c => $"type of {c.Name}: {old[c.Name]} -> {c.Type}"));
        return parts.Count == 0 ? "reordered" : string.Join("; ", parts);
    }
}
