namespace Pipeline.Aws.Emr;

/// <summary>
/// Runs one step per run attempt on the transform cluster. The step's name carries the attempt's token, so an
/// attempt re-executed after a crash finds its step (pending, running or done) instead of submitting it again.
/// The cluster is found by name among the active ones, or started with an auto-termination policy: no cluster
/// id is configured, and none is left running idle.
/// </summary>
public sealed class EmrSteps(EmrClient emr, EmrOptions options, TimeProvider time)
{
    static readonly string[] EndStates = ["COMPLETED", "FAILED", "CANCELLED", "INTERRUPTED"];

    /// <summary>The id of an active cluster named <see cref="EmrOptions.ClusterName"/>, started when there is none (and allowed).</summary>
    public async Task<string> ClusterAsync(CancellationToken cancellationToken)
    {
        var active = await emr.ListClustersAsync(EmrClient.ActiveStates, cancellationToken);
        if (active.Where(c => c.Name == options.ClusterName && c.Id is not null).OrderBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault() is { } found)
        {
            return found.Id!;
        }

        if (!options.CreateCluster)
        {
            throw new InvalidOperationException(
                $"No active EMR cluster is named '{options.ClusterName}' and Pipeline:Emr:CreateCluster is false: start one, or allow the pipeline to.");
        }

        return await emr.RunJobFlowAsync(new RunJobFlowRequest(
            options.ClusterName,
            new JobFlowInstancesConfig(
                [new InstanceGroupConfig("MASTER", options.InstanceType, 1, "primary"),
                    .. options.CoreInstances > 0 ? [new InstanceGroupConfig("CORE", options.InstanceType, options.CoreInstances, "core")] : new List<InstanceGroupConfig>()],
                KeepJobFlowAliveWhenNoSteps: true, Ec2SubnetId: options.SubnetId),
            options.ReleaseLabel, options.LogUri, Applications: [new Application("Spark")], JobFlowRole: options.JobFlowRole,
            ServiceRole: options.ServiceRole, Tags: [new Tag("pipeline:role", "transform")],
            AutoTerminationPolicy: new AutoTerminationPolicy((long)options.IdleTimeout.TotalSeconds), VisibleToAllUsers: true), cancellationToken);
    }

    /// <summary>
    /// The id of the step named <paramref name="name"/> on the cluster: the one found (an earlier pass of the same
    /// attempt submitted it), or a new <c>spark-submit</c> step with <paramref name="arguments"/>.
    /// </summary>
    public async Task<(string StepId, bool Adopted)> SubmitOnceAsync(string clusterId, string name, IReadOnlyList<string> arguments,
        CancellationToken cancellationToken)
    {
        var existing = (await emr.ListStepsAsync(clusterId, null, cancellationToken)).FirstOrDefault(s => s.Name == name && s.Id is not null);
        if (existing is not null)
        {
            return (existing.Id!, true);
        }

        var step = new StepConfig(name, new HadoopJarStepConfig("command-runner.jar", ["spark-submit", "--deploy-mode", "cluster", .. arguments]));
        var ids = await emr.AddJobFlowStepsAsync(clusterId, [step], cancellationToken);
        return (ids.Single(), false);
    }

    /// <summary>Waits until the step ends; returns it in its end state (COMPLETED, FAILED, CANCELLED or INTERRUPTED).</summary>
    public async Task<Step> WaitAsync(string clusterId, string stepId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var step = await emr.DescribeStepAsync(clusterId, stepId, cancellationToken);
            if (EndStates.Contains(step.Status?.State))
            {
                return step;
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    /// <summary>The step name of a run attempt (well within EMR's 256 characters: dataset ids have at most 64).</summary>
    public static string StepName(string dataset, string runId, string attemptToken) => $"pipeline {dataset} {runId} {attemptToken}";
}
