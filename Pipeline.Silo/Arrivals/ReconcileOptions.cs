using System.ComponentModel.DataAnnotations;

namespace Pipeline.Silo.Arrivals;

/// <summary>
/// The reconciliation listing of a remote lake, section <c>Pipeline:Reconcile</c> (its period is
/// <c>Pipeline:ReconcileInterval</c>).
/// </summary>
public sealed class ReconcileOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pipeline:Reconcile";

    /// <summary>
    /// Objects listed per dataset and pass (S3: at most this / 1000 LIST requests); a larger raw zone is
    /// listed over several passes, each resuming after the last key of the one before.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxObjectsPerPass { get; set; } = 10_000;
}
