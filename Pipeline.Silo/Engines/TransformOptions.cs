using System.ComponentModel.DataAnnotations;

namespace Pipeline.Silo.Engines;

/// <summary>Which engine runs a run's transform (<c>Pipeline:Transform</c>).</summary>
public sealed class TransformOptions
{
    public const string Section = "Pipeline:Transform";

    /// <summary><c>DuckDb</c> in the silo (default), <c>Emr</c> steps, or <c>Auto</c>: by the run's bytes against the threshold.</summary>
    public TransformEngineKind Engine { get; set; } = TransformEngineKind.DuckDb;

    /// <summary>With <c>Auto</c>: a run whose files add up to more than this goes to EMR; a dataset's <c>emrAboveBytes</c> wins.</summary>
    [Range(0, long.MaxValue)]
    public long EmrAboveBytes { get; set; } = 1L << 30;
}

public enum TransformEngineKind
{
    DuckDb,
    Emr,
    Auto,
}
