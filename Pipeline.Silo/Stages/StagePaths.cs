using Pipeline.Core.Lake;

namespace Pipeline.Silo.Stages;

/// <summary>Where a run's stages read and write in the lake.</summary>
public sealed class StagePaths(LakeLayout lake)
{
    /// <summary>The lake.</summary>
    public LakeLayout Lake { get; } = lake;

    /// <summary>The run's private output folder; never read by queries (the catalog lists visible files).</summary>
    public string Staging(string dataset, string runId) =>
        Path.Combine(Lake.DatasetFolder(LakeLayout.Processed, dataset), "_staging", runId);

    /// <summary>The table's data folder.</summary>
    public string Table(string dataset) => Lake.DatasetFolder(LakeLayout.Processed, dataset);

    /// <summary>Where a run's quarantined rows and files go.</summary>
    public string Quarantine(string dataset, string runId) =>
        Path.Combine(Lake.DatasetFolder(LakeLayout.Quarantine, dataset), runId);

    /// <summary>The folder of a curated view.</summary>
    public string Curated(string view) => Lake.DatasetFolder(LakeLayout.Curated, view);

    /// <summary>Committed file names start with the run id, so a re-executed commit finds its own files.</summary>
    public static string CommittedName(string runId, string fileName) => $"{runId}-{fileName}";
}
