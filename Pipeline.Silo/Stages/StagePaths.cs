using Microsoft.Extensions.Options;
using Pipeline.Core.Lake;
using Pipeline.Silo.Hosting;

namespace Pipeline.Silo.Stages;

/// <summary>Where a run's stages work: lake keys for what is shared, local folders for the engines' output.</summary>
public sealed class StagePaths(IOptions<SiloOptions> options)
{
    string Work => Path.Combine(Path.GetFullPath(options.Value.DataDir), "work");

    /// <summary>The run's private local output folder, kept until the run commits; never read by queries.</summary>
    public string Staging(string dataset, string runId) => Path.Combine(Work, "staging", dataset, runId);

    /// <summary>The run's local quarantine folder, copied into the lake's quarantine zone.</summary>
    public string LocalQuarantine(string dataset, string runId) => Path.Combine(Work, "quarantine", dataset, runId);

    /// <summary>The commit manifest of a run: the final keys of its files, written before any file moves.</summary>
    public string Manifest(string dataset, string runId) => Path.Combine(Work, "manifests", dataset, runId + ".json");

    /// <summary>Key prefix of a table's files.</summary>
    public static string TablePrefix(string dataset) => $"{LakeLayout.Processed}/{dataset}/";

    /// <summary>Key prefix of a run's quarantined rows and files.</summary>
    public static string QuarantinePrefix(string dataset, string runId) => $"{LakeLayout.Quarantine}/{dataset}/{runId}/";

    /// <summary>Key prefix of a curated view's file.</summary>
    public static string CuratedPrefix(string view) => $"{LakeLayout.Curated}/{view}/";

    /// <summary>
    /// Committed file names start with the run id, so files of different runs never collide; a reprocessed run's
    /// files also carry its pass (<c>run-000001.r1-</c>), so they never overwrite the files they replace.
    /// </summary>
    public static string CommittedName(string runId, int reprocessed, string fileName) =>
        reprocessed == 0 ? $"{runId}-{fileName}" : $"{runId}.r{reprocessed}-{fileName}";
}
