using Pipeline.Core.Datasets;
using Pipeline.Spark.Types;

namespace Pipeline.Spark.Planning;

/// <summary>Plans how one file is read: which columns are read as text, and where each output column comes from.</summary>
internal static class SourcePlanner
{
    static readonly DuckType Json = DuckType.Scalar("JSON");

    /// <summary>The read of <paramref name="schema"/>, the file at <paramref name="index"/> of the run.</summary>
    /// <param name="declared">Declared types, and the table's types, by column (case-insensitive).</param>
    /// <param name="keep">Which of the file's columns reach the output (<c>schemaDrift: discardColumns</c>); all when null.</param>
    public static SourcePlan Plan(DatasetSpec spec, SourceSchema schema, int index, IReadOnlyDictionary<string, string> declared,
        Func<string, bool>? keep = null)
    {
        var sniffed = schema.Columns.Select(c => (c.Name, Type: ParseSniffed(c))).ToList();
        var read = sniffed.ToList();
        var overrides = false;
        var fields = new Dictionary<string, SourceField>(ReservedColumns.Names);
        var declaredNames = declared.Keys.ToHashSet(ReservedColumns.Names);
        foreach (var leaf in ColumnFlattener.Flatten(sniffed, declaredNames).Where(l => !ReservedColumns.IsLineage(l.Name) && (keep?.Invoke(l.Name) ?? true)))
        {
            if (ReservedColumns.IsInternal(leaf.Name))
            {
                throw TransformPlanner.SpecError(
                    $"Column '{leaf.Name}' in {schema.Input.SourceKey} uses the reserved prefix {ReservedColumns.InternalPrefix}.");
            }

            // CSV is read as text and cast in SQL, so a bad value is one bad row rather than a failed read. JSON is
            // read as text only where the spec declares a type, or where the table's type differs from the sniffed
            // one: elsewhere its reader types values itself and keeps nesting. A value declared JSON is read as
            // JSON: text cast to JSON must itself be JSON, and a plain string is not.
            var json = schema.Format is SourceFormat.NdJson or SourceFormat.JsonArray;
            var type = declared.GetValueOrDefault(leaf.Name);
            var asJson = json && string.Equals(type?.Trim(), "JSON", StringComparison.OrdinalIgnoreCase);
            var asText = !asJson && (schema.Format == SourceFormat.Csv
                || json && type is not null && (spec.Schema.Keys.Any(k => ReservedColumns.Names.Equals(k, leaf.Name)) || !Same(type, leaf.Type)));
            var readAs = asJson ? Json : asText ? DuckType.Varchar : leaf.Type;
            if (json && !readAs.Equals(leaf.Type))
            {
                var top = read.FindIndex(r => r.Name == leaf.Path[0]);
                read[top] = (read[top].Name, read[top].Type.Replace(leaf.Path, readAs, 1));
                overrides = true;
            }

            var field = new SourceField(leaf.Path, readAs, leaf.Type);
            if (!fields.TryAdd(leaf.Name, field))
            {
                throw TransformPlanner.SpecError(
                    $"Column '{leaf.Name}' appears twice in {schema.Input.SourceKey} once nested objects are flattened.");
            }
        }

        if (schema.Format == SourceFormat.Csv)
        {
            read = read.Select(r => (r.Name, DuckType.Varchar)).ToList();
        }

        var csv = schema.Csv ?? FormatResolver.DeclaredCsv(spec, schema.Input.Path);
        return new SourcePlan(index, schema.Input, schema.Format, csv, read, overrides, fields);
    }

    static bool Same(string typeText, DuckType type)
    {
        try
        {
            return DuckType.Parse(typeText).Equals(type);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    static DuckType ParseSniffed(SourceColumn column)
    {
        try
        {
            return DuckType.Parse(column.Type);
        }
        catch (FormatException)
        {
            // A type this parser does not know the shape of is still a value: keep it whole, as text in Spark.
            return DuckType.Scalar(column.Type);
        }
    }
}
