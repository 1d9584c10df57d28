using System.ComponentModel.DataAnnotations;

namespace Pipeline.Silo.Grains;

/// <summary>How dataset grains wake up, section <c>Pipeline:Grains</c>.</summary>
public sealed class GrainOptions
{
    public const string Section = "Pipeline:Grains";

    /// <summary>
    /// Period of the durable reminder a busy dataset keeps (a run in flight, a batching window, a retry backoff).
    /// While the grain is active a timer wakes it on time; the reminder is the backstop after a crash, so a
    /// run left behind by a dead silo resumes within this period of the silo's ranges being taken over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromSeconds(10);
}
