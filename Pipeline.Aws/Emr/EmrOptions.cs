using System.ComponentModel.DataAnnotations;

namespace Pipeline.Aws.Emr;

/// <summary>The EMR cluster transform steps run on (<c>Pipeline:Emr</c>).</summary>
public sealed class EmrOptions
{
    public const string Section = "Pipeline:Emr";

    /// <summary>The name of the cluster to use: an active cluster of this name takes the steps; when none is active, one is started.</summary>
    [Required]
    public string ClusterName { get; set; } = "pipeline-transform";

    /// <summary>Start a cluster when none of that name is active; false: a run fails with the reason until one is.</summary>
    public bool CreateCluster { get; set; } = true;

    /// <summary>A started cluster ends itself after this long without steps.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    public string ReleaseLabel { get; set; } = "emr-7.5.0";

    public string InstanceType { get; set; } = "m5.xlarge";

    [Range(0, 256)]
    public int CoreInstances { get; set; } = 2;

    /// <summary>The EC2 instance profile of the cluster's nodes (reads and writes the lake).</summary>
    public string JobFlowRole { get; set; } = "EMR_EC2_DefaultRole";

    public string ServiceRole { get; set; } = "EMR_DefaultRole";

    /// <summary>Where EMR writes the cluster's and steps' logs (<c>s3://bucket/prefix/</c>); none when empty.</summary>
    public string? LogUri { get; set; }

    public string? SubnetId { get; set; }

    /// <summary>How often a running step's state is asked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
}
