using Pipeline.Aws.Json;

namespace Pipeline.Aws.Emr;

/// <summary>
/// The EMR operations the Spark stage needs, over EMR's JSON protocol: start a cluster that ends itself when idle,
/// add steps, follow a step, find steps and clusters again after a crash (by name, across pages), end clusters.
/// </summary>
public sealed class EmrClient(AwsJsonClient client)
{
    /// <summary>Every operation this client can send (the IAM policy grants exactly these).</summary>
    public static readonly IReadOnlyList<string> Operations =
        ["RunJobFlow", "AddJobFlowSteps", "DescribeStep", "ListSteps", "ListClusters", "TerminateJobFlows"];

    /// <summary>The cluster states in which a cluster takes steps.</summary>
    public static readonly IReadOnlyList<string> ActiveStates = ["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"];

    /// <summary>Starts a cluster; without an auto-termination policy it is refused, so no cluster is left running by mistake.</summary>
    public async Task<string> RunJobFlowAsync(RunJobFlowRequest request, CancellationToken cancellationToken)
    {
        if (request.AutoTerminationPolicy is null && request.Instances.KeepJobFlowAliveWhenNoSteps != false)
        {
            throw new ArgumentException("A cluster needs an auto-termination policy (or to end when its steps are done).", nameof(request));
        }

        var response = await client.SendAsync<RunJobFlowRequest, RunJobFlowResponse>("RunJobFlow", request, cancellationToken);
        return response.JobFlowId ?? throw new InvalidOperationException("EMR started a cluster without an id.");
    }

    public async Task<List<string>> AddJobFlowStepsAsync(string clusterId, IReadOnlyList<StepConfig> steps, CancellationToken cancellationToken) =>
        (await client.SendAsync<AddJobFlowStepsRequest, AddJobFlowStepsResponse>("AddJobFlowSteps", new(clusterId, [.. steps]), cancellationToken)).StepIds ?? [];

    public async Task<Step> DescribeStepAsync(string clusterId, string stepId, CancellationToken cancellationToken) =>
        (await client.SendAsync<DescribeStepRequest, DescribeStepResponse>("DescribeStep", new(clusterId, stepId), cancellationToken)).Step
        ?? throw new InvalidOperationException($"EMR did not describe step {stepId}.");

    /// <summary>The cluster's steps (every page), newest first as EMR lists them, optionally only in <paramref name="states"/>.</summary>
    public async Task<List<Step>> ListStepsAsync(string clusterId, IReadOnlyList<string>? states, CancellationToken cancellationToken)
    {
        var steps = new List<Step>();
        string? marker = null;
        do
        {
            var page = await client.SendAsync<ListStepsRequest, ListStepsResponse>("ListSteps", new(clusterId, states?.ToList(), marker), cancellationToken);
            steps.AddRange(page.Steps ?? []);
            marker = page.Marker;
        }
        while (!string.IsNullOrEmpty(marker));

        return steps;
    }

    /// <summary>The clusters in <paramref name="states"/> (every page).</summary>
    public async Task<List<ClusterSummary>> ListClustersAsync(IReadOnlyList<string> states, CancellationToken cancellationToken)
    {
        var clusters = new List<ClusterSummary>();
        string? marker = null;
        do
        {
            var page = await client.SendAsync<ListClustersRequest, ListClustersResponse>("ListClusters", new([.. states], marker), cancellationToken);
            clusters.AddRange(page.Clusters ?? []);
            marker = page.Marker;
        }
        while (!string.IsNullOrEmpty(marker));

        return clusters;
    }

    public Task TerminateJobFlowsAsync(IReadOnlyList<string> clusterIds, CancellationToken cancellationToken) =>
        client.SendAsync<TerminateJobFlowsRequest, NoOutput>("TerminateJobFlows", new([.. clusterIds]), cancellationToken);
}
