using System.ComponentModel.DataAnnotations;

namespace Pipeline.Silo.Hosting;

/// <summary>Settings of the silo, section <c>Pipeline</c> (environment: <c>Pipeline__DataDir</c>, ...).</summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pipeline";

    /// <summary>Folder holding the lake and the grain state; created when missing.</summary>
    [Required]
    public string DataDir { get; set; } = ".pipeline";

    /// <summary>Scratch space of the engines (spills, per-query temp folders): <c>&lt;data-dir&gt;/tmp</c>.</summary>
    public string ScratchFolder => Path.Combine(Path.GetFullPath(DataDir), "tmp");

    /// <summary>DuckDB memory limit of one transform or query (DuckDB syntax, e.g. <c>2GB</c>); null: DuckDB's default.</summary>
    public string? EngineMemoryLimit { get; set; }

    /// <summary>DuckDB threads of one transform or query; null: all cores.</summary>
    [Range(1, 256)]
    public int? EngineThreads { get; set; }

    /// <summary>How often the raw zone is listed to catch files the watcher missed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A file copied into the raw zone is an arrival once unchanged for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromSeconds(1);
}
