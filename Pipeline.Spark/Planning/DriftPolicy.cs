using Pipeline.Core.Datasets;
using Pipeline.Core.Runs;
using Pipeline.Core.Transform;
using Pipeline.Spark.Types;

namespace Pipeline.Spark.Planning;

/// <summary>
/// The dataset's <c>schemaDrift</c> against the table the earlier runs made (none before the first commit): which
/// files differ from it and how, which are quarantined (<c>freeze</c>) and which new columns are left out
/// (<c>discardColumns</c>). Columns compare by name without regard to case, types by kind (text, number, time,
/// boolean, or the nested shape): a file's BIGINT for the table's DOUBLE is no change.
/// </summary>
internal static class DriftPolicy
{
    /// <summary>The files to plan, those <c>freeze</c> quarantines, and every difference seen with what was done.</summary>
    public static (List<SourceSchema> Usable, List<QuarantinedFile> Quarantined, List<SchemaDriftInfo> Seen) Apply(
        TransformRequest request, IReadOnlyList<SourceSchema> schemas)
    {
        var table = TableColumns(request);
        if (table.Count == 0)
        {
            return ([.. schemas], [], []);
        }

        var spec = request.Spec;
        var declared = TransformPlanner.DeclaredTypes(request);
        var seen = new List<(string Column, string Change, string Action, string File)>();
        var usable = new List<SourceSchema>();
        var quarantined = new List<QuarantinedFile>();
        for (var i = 0; i < schemas.Count; i++)
        {
            var schema = schemas[i];
            var fields = SourcePlanner.Plan(spec, schema, i, declared).Fields;
            var added = fields.Where(f => !table.ContainsKey(f.Key)).Select(f => (Column: f.Key, Change: $"new column ({f.Value.SniffedType})")).ToList();
            var missing = table.Keys.Where(c => !fields.ContainsKey(c)).Select(c => (Column: c, Change: "missing")).ToList();
            var retyped = fields
                .Where(f => table.TryGetValue(f.Key, out var type) && !spec.Schema.Keys.Contains(f.Key, ReservedColumns.Names) && Kind(f.Value.SniffedType) != Kind(type))
                .Select(f => (Column: f.Key, Change: $"{f.Value.SniffedType} where the table has {table[f.Key]}")).ToList();
            var key = schema.Input.SourceKey;
            if (spec.SchemaDrift == SchemaDrift.Freeze && added.Count + missing.Count + retyped.Count > 0)
            {
                quarantined.Add(new QuarantinedFile(key, FrozenReason(added, missing, retyped)));
                seen.AddRange(added.Concat(missing).Concat(retyped).Select(c => (c.Column, c.Change, "file quarantined (schemaDrift freeze)", key)));
                continue;
            }

            usable.Add(schema);
            seen.AddRange(added.Select(c => (c.Column, c.Change,
                spec.SchemaDrift == SchemaDrift.DiscardColumns && !declared.ContainsKey(c.Column) ? "left out (schemaDrift discardColumns)" : "added to the table", key)));
            seen.AddRange(missing.Select(c => (c.Column, c.Change, "NULL in these files", key)));
            seen.AddRange(retyped.Select(c => (c.Column, c.Change, $"kept as {table[c.Column]}; values that do not fit are quarantined", key)));
        }

        var drift = seen.GroupBy(s => (s.Column, s.Change, s.Action))
            .Select(g => new SchemaDriftInfo(g.Key.Column, g.Key.Change, g.Key.Action, [.. g.Select(s => s.File).Distinct(StringComparer.Ordinal)]))
            .ToList();
        return (usable, quarantined, drift);
    }

    /// <summary>
    /// Under <c>discardColumns</c> with a table, whether a file's column is kept: the table has it or the schema
    /// declares it. Null (keep all) otherwise.
    /// </summary>
    public static Func<string, bool>? Keep(TransformRequest request)
    {
        if (request.Spec.SchemaDrift != SchemaDrift.DiscardColumns || TableColumns(request) is not { Count: > 0 } table)
        {
            return null;
        }

        var declared = request.Spec.Schema.Keys.ToHashSet(ReservedColumns.Names);
        return name => table.ContainsKey(name) || declared.Contains(name);
    }

    // The table's data columns: lineage and partition columns are derived, not read.
    static Dictionary<string, DuckType> TableColumns(TransformRequest request)
    {
        var columns = new Dictionary<string, DuckType>(ReservedColumns.Names);
        foreach (var (name, type) in request.TableTypes ?? new Dictionary<string, string>())
        {
            if (!ReservedColumns.IsLineage(name) && !request.Spec.PartitionBy.Any(p => p.Transform != PartitionTransform.Identity && ReservedColumns.Names.Equals(p.Name, name)))
            {
                try
                {
                    columns[name] = DuckType.Parse(type);
                }
                catch (FormatException)
                {
                    columns[name] = DuckType.Varchar;
                }
            }
        }

        return columns;
    }

    // "the dataset's schemaDrift is freeze: new columns tip (DOUBLE); missing zone; fare is VARCHAR where the table has DECIMAL(10,2)".
    static string FrozenReason(List<(string Column, string Change)> added, List<(string Column, string Change)> missing, List<(string Column, string Change)> retyped)
    {
        var parts = new List<string>();
        if (added.Count > 0)
        {
            parts.Add($"new {(added.Count == 1 ? "column" : "columns")} {string.Join(", ", added.Select(a => $"{a.Column} {a.Change["new column ".Length..]}"))}");
        }

        if (missing.Count > 0)
        {
            parts.Add($"missing {string.Join(", ", missing.Select(m => m.Column))}");
        }

        parts.AddRange(retyped.Select(r => $"{r.Column} is {r.Change}"));
        return $"its columns differ from the table's and the dataset's schemaDrift is freeze: {string.Join("; ", parts)}. " +
            "Set schemaDrift to evolve (or discardColumns) to load it, then reprocess or replay";
    }

    // What kind of value a type holds; a change within a kind (BIGINT to DOUBLE, DATE to TIMESTAMP) is no drift.
    static string Kind(DuckType type) => type switch
    {
        { IsText: true } => "text",
        { IsTemporal: true } => "time",
        { Kind: DuckTypeKind.Scalar, Name: "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER"
            or "UBIGINT" or "UHUGEINT" or "FLOAT" or "DOUBLE" or "DECIMAL" } => "number",
        { Kind: DuckTypeKind.Scalar } => type.Name,
        _ => type.Kind.ToString(),
    };
}
