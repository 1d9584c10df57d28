using System.ComponentModel.DataAnnotations;

namespace Pipeline.Aws.Athena;

/// <summary>Where queries run when <c>Pipeline:Queries:Engine=Athena</c> (<c>Pipeline:Athena</c>).</summary>
public sealed class AthenaOptions
{
    public const string Section = "Pipeline:Athena";

    /// <summary>The workgroup: its settings (a bytes-scanned limit, encryption, an enforced result location) apply.</summary>
    [Required]
    public string WorkGroup { get; set; } = "primary";

    /// <summary>Where Athena writes each query's result CSV; empty: <c>s3://&lt;bucket&gt;/&lt;prefix&gt;/query-results/athena/</c>.</summary>
    public string? OutputLocation { get; set; }

    /// <summary>How often a running query's state is asked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
