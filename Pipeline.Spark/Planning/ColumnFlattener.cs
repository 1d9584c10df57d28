using Pipeline.Spark.Types;

namespace Pipeline.Spark.Planning;

/// <summary>
/// Flattens nested objects into columns, recursively; lists and maps are kept as values. A declared column
/// stops the descent, so declaring <c>a</c> keeps the struct <c>a</c> whole (cast to the declared type).
/// </summary>
internal static class ColumnFlattener
{
    /// <summary>The leaf columns of <paramref name="columns"/>, in order.</summary>
    public static List<FlatColumn> Flatten(IEnumerable<(string Name, DuckType Type)> columns, ISet<string> declared)
    {
        var result = new List<FlatColumn>();
        foreach (var (name, type) in columns)
        {
            Walk(name, [name], type, declared, result);
        }

        return result;
    }

    static void Walk(string name, List<string> path, DuckType type, ISet<string> declared, List<FlatColumn> result)
    {
        if (type.Kind != DuckTypeKind.Struct || type.Fields.Count == 0 || declared.Contains(name))
        {
            result.Add(new FlatColumn(name, path, type));
            return;
        }

        foreach (var field in type.Fields)
        {
            Walk($"{name}_{field.Name}", [.. path, field.Name], field.Type, declared, result);
        }
    }
}
