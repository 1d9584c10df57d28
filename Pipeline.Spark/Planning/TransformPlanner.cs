using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Spark.Types;

namespace Pipeline.Spark.Planning;

/// <summary>
/// Builds the <see cref="TransformPlan"/> from the request and the sniffed schemas of its usable files, and
/// rejects specs that cannot apply to the data (a declared, partition or key column that is not there) with a
/// non-transient <see cref="TransformException"/> naming the column.
/// </summary>
internal static class TransformPlanner
{
    /// <summary>Plans the run; <paramref name="schemas"/> holds the usable files only (at least one).</summary>
    public static TransformPlan Plan(TransformRequest request, IReadOnlyList<SourceSchema> schemas)
    {
        if (schemas.Count == 0)
        {
            throw SpecError($"Run {request.RunId} has no usable input file.");
        }

        var spec = request.Spec;
        var declared = DeclaredTypes(request);
        var keep = DriftPolicy.Keep(request);
        var sources = schemas.Select((s, i) => SourcePlanner.Plan(spec, s, i, declared, keep)).ToList();
        var columns = UnionColumns(declared, sources);
        var byName = columns.ToDictionary(c => c.Name, ReservedColumns.Names);
        var found = string.Join(", ", columns.Select(c => c.Name));

        var missing = spec.Schema.Keys.FirstOrDefault(k => !byName.ContainsKey(k));
        if (missing is not null)
        {
            throw SpecError($"Declared column '{missing}' is not in the data (columns: {found}).");
        }

        var partitions = spec.PartitionBy.Select(p => BindPartition(p, byName, found)).ToList();
        var key = spec.PrimaryKey.Select(k => byName.TryGetValue(k, out var c)
            ? c
            : throw SpecError($"Primary key column '{k}' is not in the data (columns: {found}).")).ToList();
        return new TransformPlan(request, sources, columns, partitions, key, SafeFilePrefix(request.RunId));
    }

    /// <summary>
    /// The declared types, then the types the table already has: they hold like declared ones, so a later file cannot
    /// change them. Lineage and partition columns are derived, not read.
    /// </summary>
    public static Dictionary<string, string> DeclaredTypes(TransformRequest request)
    {
        var spec = request.Spec;
        var declared = new Dictionary<string, string>(ReservedColumns.Names);
        foreach (var (name, type) in spec.Schema)
        {
            declared.TryAdd(name, type);
        }

        foreach (var (name, type) in request.TableTypes ?? new Dictionary<string, string>())
        {
            if (!ReservedColumns.IsLineage(name) && !spec.PartitionBy.Any(p => ReservedColumns.Names.Equals(p.Name, name)))
            {
                declared.TryAdd(name, type);
            }
        }

        return declared;
    }

    /// <summary>The run id with anything but letters, digits, '-' and '_' replaced, for file names.</summary>
    public static string SafeFilePrefix(string runId)
    {
        var safe = new string(runId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return safe.Length == 0 ? "run" : safe;
    }

    /// <summary>A spec that cannot apply to the data: retrying will not help.</summary>
    public static TransformException SpecError(string message) => new(message, transient: false);

    // Columns in first-seen order; types unioned across files so every file's values fit.
    static List<PlannedColumn> UnionColumns(Dictionary<string, string> declaredTypes, List<SourcePlan> sources)
    {
        var order = new List<string>();
        var raw = new Dictionary<string, DuckType>(ReservedColumns.Names);
        var sniffed = new Dictionary<string, DuckType>(ReservedColumns.Names);
        foreach (var (name, field) in sources.SelectMany(s => s.Fields))
        {
            if (raw.TryGetValue(name, out var r))
            {
                raw[name] = TypeUnion.Of(r, field.RawType);
                sniffed[name] = TypeUnion.Of(sniffed[name], field.SniffedType);
            }
            else
            {
                order.Add(name);
                raw[name] = field.RawType;
                sniffed[name] = field.SniffedType;
            }
        }

        return order.Select(name => declaredTypes.TryGetValue(name, out var declared)
                ? new PlannedColumn(name, raw[name], ParseDeclared(name, declared), declared)
                : new PlannedColumn(name, raw[name], sniffed[name], null))
            .ToList();
    }

    static PlannedPartition BindPartition(PartitionColumn partition, Dictionary<string, PlannedColumn> columns, string found)
    {
        if (!columns.TryGetValue(partition.Source, out var source))
        {
            throw SpecError($"Partition column '{partition.Source}' is not in the data (columns: {found}).");
        }

        if (partition.Transform != PartitionTransform.Identity && columns.ContainsKey(partition.Name))
        {
            throw SpecError($"Partition column '{partition.Name}' derived from '{partition.Source}' clashes with a data column of that name.");
        }

        return new PlannedPartition(partition.Name, source, partition.Transform);
    }

    static DuckType ParseDeclared(string column, string type)
    {
        try
        {
            return DuckType.Parse(type);
        }
        catch (FormatException e)
        {
            throw new TransformException($"Declared type '{type}' of column '{column}' is not a DuckDB type: {e.Message}", transient: false, e);
        }
    }
}
