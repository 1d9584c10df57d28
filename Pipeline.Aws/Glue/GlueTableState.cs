using System.Text.Json;
using Pipeline.Core.Tables;

namespace Pipeline.Aws.Glue;

/// <summary>
/// What the catalog keeps in a Glue table's parameters (<c>pipeline.*</c>) beside the Hive schema Athena reads:
/// the DuckDB columns, the schema versions, totals, and the commit bookkeeping.
/// </summary>
/// <remarks>
/// Glue updates one table or a batch of partitions at a time, never both, so a commit cannot be one write. Files
/// carry the number of the commit that wrote them; a commit first marks its number pending in the table, then
/// writes its files, then flips the table in one update: pending cleared, the run's earlier files retired (all
/// earlier files for a view). Readers skip pending and retired files, so they see the old files or the new.
/// </remarks>
public sealed record GlueTableState
{
    const string Prefix = "pipeline.";

    // A Glue parameter value holds at most 512,000 characters; longer JSON is split over numbered keys.
    const int ChunkLength = 500_000;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Kind { get; init; } = "table";

    public string Dataset { get; init; } = "";

    public List<ColumnInfo> Columns { get; init; } = [];

    public List<string> PartitionKeys { get; init; } = [];

    public List<string> PrimaryKey { get; init; } = [];

    /// <summary>Empty until the table's first commit flips: until then readers do not see the table at all.</summary>
    public List<SchemaVersionInfo> Versions { get; init; } = [];

    /// <summary>The number of the latest commit begun.</summary>
    public long Commit { get; init; }

    /// <summary>Commits begun and not flipped, by number, with their run.</summary>
    public Dictionary<long, string> Pending { get; init; } = [];

    /// <summary>Per run, the commit that replaced its earlier files: files of older commits are gone.</summary>
    public Dictionary<string, long> Retired { get; init; } = [];

    /// <summary>Files of commits before this one are gone (a view replaced as a whole).</summary>
    public long Floor { get; init; }

    /// <summary>An unpartitioned table's files.</summary>
    public List<GlueFileEntry> Files { get; init; } = [];

    public long Rows { get; init; }

    public int FileCount { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>True for a table written by this catalog (a database may hold others).</summary>
    public static bool IsOurs(Table table) => table.Parameters?.ContainsKey(Prefix + "kind") == true;

    /// <summary>Whether a reader sees <paramref name="file"/>: not replaced, and its commit flipped.</summary>
    public bool Visible(GlueFileEntry file) => !Gone(file) && !Pending.ContainsKey(file.Commit);

    /// <summary>Whether <paramref name="file"/> was replaced by a later commit, so its entry can be dropped.</summary>
    public bool Gone(GlueFileEntry file) => file.Commit < Floor || file.Commit < Retired.GetValueOrDefault(file.Run);

    public static GlueTableState Read(IReadOnlyDictionary<string, string>? parameters)
    {
        parameters ??= new Dictionary<string, string>();
        T Get<T>(string name, T fallback) => ReadJson(parameters, name) is { } json ? JsonSerializer.Deserialize<T>(json, Json)! : fallback;
        return new GlueTableState
        {
            Kind = parameters.GetValueOrDefault(Prefix + "kind") ?? "table",
            Dataset = parameters.GetValueOrDefault(Prefix + "dataset") ?? "",
            Columns = Get<List<ColumnInfo>>("columns", []),
            PartitionKeys = Get<List<string>>("partitionKeys", []),
            PrimaryKey = Get<List<string>>("primaryKey", []),
            Versions = Get<List<SchemaVersionInfo>>("versions", []),
            Commit = Get<long>("commit", 0),
            Pending = Get<Dictionary<long, string>>("pending", []),
            Retired = Get<Dictionary<string, long>>("retired", []),
            Floor = Get<long>("floor", 0),
            Files = ReadFiles(parameters),
            Rows = Get<long>("rows", 0),
            FileCount = Get<int>("fileCount", 0),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Get<long>("updatedAt", 0)),
        };
    }

    /// <summary>The table's parameters: Athena's <c>classification</c> and this state.</summary>
    public Dictionary<string, string> Parameters()
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["classification"] = "parquet",
            [Prefix + "kind"] = Kind,
            [Prefix + "dataset"] = Dataset,
        };
        void Put<T>(string name, T value) => WriteJson(parameters, name, JsonSerializer.Serialize(value, Json));
        Put("columns", Columns);
        Put("partitionKeys", PartitionKeys);
        Put("primaryKey", PrimaryKey);
        Put("versions", Versions);
        Put("commit", Commit);
        Put("pending", Pending);
        Put("retired", Retired);
        Put("floor", Floor);
        Put("rows", Rows);
        Put("fileCount", FileCount);
        Put("updatedAt", UpdatedAt.ToUnixTimeMilliseconds());
        WriteFiles(parameters, Files);
        return parameters;
    }

    /// <summary>The files kept in a table's or partition's parameters.</summary>
    public static List<GlueFileEntry> ReadFiles(IReadOnlyDictionary<string, string>? parameters) =>
        parameters is not null && ReadJson(parameters, "files") is { } json ? JsonSerializer.Deserialize<List<GlueFileEntry>>(json, Json)! : [];

    /// <summary>Writes <paramref name="files"/> into parameters (a partition's, or an unpartitioned table's).</summary>
    public static void WriteFiles(Dictionary<string, string> parameters, IReadOnlyList<GlueFileEntry> files) =>
        WriteJson(parameters, "files", JsonSerializer.Serialize(files, Json));

    static string? ReadJson(IReadOnlyDictionary<string, string> parameters, string name)
    {
        if (parameters.GetValueOrDefault(Prefix + name) is { } whole)
        {
            return whole;
        }

        var parts = Enumerable.Range(0, int.MaxValue).Select(i => parameters.GetValueOrDefault($"{Prefix}{name}.{i}")).TakeWhile(p => p is not null);
        var text = string.Concat(parts);
        return text.Length == 0 ? null : text;
    }

    static void WriteJson(Dictionary<string, string> parameters, string name, string json)
    {
        foreach (var key in parameters.Keys.Where(k => k == Prefix + name || k.StartsWith($"{Prefix}{name}.", StringComparison.Ordinal)).ToList())
        {
            parameters.Remove(key);
        }

        if (json.Length <= ChunkLength)
        {
            parameters[Prefix + name] = json;
            return;
        }

        for (var i = 0; i * ChunkLength < json.Length; i++)
        {
            parameters[$"{Prefix}{name}.{i}"] = json.Substring(i * ChunkLength, Math.Min(ChunkLength, json.Length - i * ChunkLength));
        }
    }
}
