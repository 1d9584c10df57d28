using System.Text.Json;
using Pipeline.Core.Tables;

namespace Pipeline.Silo.Stages;

/// <summary>One file of a run's commit: where it is staged, its final key, partition, rows and bytes.</summary>
public sealed record ManifestFile(string StagedPath, string Key, Dictionary<string, string> Partition, long Rows, long Bytes);

/// <summary>
/// What a run commits, written once before the first file moves: a re-executed commit after a crash
/// moves what is left and records exactly the same files, without listing the table.
/// </summary>
/// <param name="Replaces">Keys of the run's files in the table before this commit (a reprocessed run), deleted after it.</param>
public sealed record CommitManifest(List<ManifestFile> Files, List<ColumnInfo> Columns, List<string>? Replaces = null)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads a manifest, or null when none was written.</summary>
    public static CommitManifest? Read(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<CommitManifest>(File.ReadAllText(path), Json) : null;

    /// <summary>Writes atomically (temporary file, then rename).</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
        File.Move(temp, path, overwrite: true);
    }
}
