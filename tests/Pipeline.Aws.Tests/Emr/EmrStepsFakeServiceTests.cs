using Amazon;
using Pipeline.Aws.Emr;
using Pipeline.Aws.Json;
using Pipeline.Aws.Tests.Support;

namespace Pipeline.Aws.Tests.Emr;

/// <summary>
/// The transform's use of EMR against a fake EMR with EMR's cluster and step states (ours, every request checked
/// against EMR's model): the cluster found by name or started to end itself, one step per attempt, re-adopted after a crash.
/// </summary>
public sealed class EmrStepsFakeServiceTests : IAsyncLifetime
{
    FakeEmr emr = null!;
    readonly ImmediateDelays delays = new();

    public async Task InitializeAsync() => emr = await FakeEmr.StartAsync();

    EmrSteps Steps(EmrOptions? options = null) =>
        new(new EmrClient(FakeClients.For(emr.Url, AwsJsonService.Emr, RegionEndpoint.EUWest1, delays)), options ?? new EmrOptions(), delays);

    [Fact]
    public async Task NoActiveCluster_OneIsStarted_ThatEndsItselfWhenIdle_AndTheNextRunUsesIt()
    {
        emr.AddCluster("pipeline-transform", "TERMINATED");

        var first = await Steps().ClusterAsync(default);
        var second = await Steps().ClusterAsync(default);

        Assert.Equal(first, second);
        var started = Assert.Single(emr.StartedClusters());
        Assert.Equal(900, started["AutoTerminationPolicy"]!["IdleTimeout"]!.GetValue<long>());
        Assert.True(started["Instances"]!["KeepJobFlowAliveWhenNoSteps"]!.GetValue<bool>());
        Assert.Equal("Spark", started["Applications"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal(["MASTER", "CORE"], started["Instances"]!["InstanceGroups"]!.AsArray().Select(g => g!["InstanceRole"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnActiveClusterOfThatName_TakesTheSteps_NoneIsStarted()
    {
        emr.AddCluster("other", "WAITING");
        var ours = emr.AddCluster("nightly", "RUNNING");

        Assert.Equal(ours, await Steps(new EmrOptions { ClusterName = "nightly" }).ClusterAsync(default));
        Assert.Empty(emr.StartedClusters());
    }

    [Fact]
    public async Task NoClusterAndStartingOneNotAllowed_TheErrorSaysWhatToDo()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Steps(new EmrOptions { CreateCluster = false }).ClusterAsync(default));

        Assert.Contains("No active EMR cluster is named 'pipeline-transform'", error.Message, StringComparison.Ordinal);
        Assert.Empty(emr.StartedClusters());
    }

    [Fact]
    public async Task TheSameAttemptAfterACrash_FindsItsStep_InsteadOfSubmittingItAgain()
    {
        var cluster = emr.AddCluster("pipeline-transform", "WAITING");
        emr.AddCluster("pipeline-transform-old", "WAITING");
        var name = EmrSteps.StepName("trips", "run-000007", "tok-1");
        string[] arguments = ["s3://lake/work/_driver/pipeline_driver.py", "s3://lake/work/trips/run-000007/tok-1/manifest.json"];
        // Other steps on the cluster, so the search reads more than one page.
        await Steps().SubmitOnceAsync(cluster, EmrSteps.StepName("trips", "run-000006", "tok-0"), arguments, default);
        await Steps().SubmitOnceAsync(cluster, EmrSteps.StepName("zones", "run-000001", "tok-9"), arguments, default);

        var (submitted, adoptedFirst) = await Steps().SubmitOnceAsync(cluster, name, arguments, default);
        await Steps().SubmitOnceAsync(cluster, EmrSteps.StepName("zones", "run-000002", "tok-8"), arguments, default);
        var (found, adoptedAfterCrash) = await Steps().SubmitOnceAsync(cluster, name, arguments, default);

        Assert.Equal((submitted, false, true), (found, adoptedFirst, adoptedAfterCrash));
        Assert.Equal(4, emr.Requests.Count(r => r.Operation == "AddJobFlowSteps"));
        var step = emr.Requests.Where(r => r.Operation == "AddJobFlowSteps").ElementAt(2).Body.GetProperty("Steps")[0];
        Assert.Equal("command-runner.jar", step.GetProperty("HadoopJarStep").GetProperty("Jar").GetString());
        Assert.Equal(["spark-submit", "--deploy-mode", "cluster", .. arguments],
            step.GetProperty("HadoopJarStep").GetProperty("Args").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task WaitingForAStep_FollowsItToItsEnd_PausingBetweenAsks()
    {
        var cluster = emr.AddCluster("pipeline-transform", "WAITING");
        emr.StepEnd = _ => ("FAILED", "AnalysisException: cannot resolve `fare`");
        var (stepId, _) = await Steps().SubmitOnceAsync(cluster, "pipeline trips run-1 tok", ["s3://x/driver.py"], default);

        var step = await Steps(new EmrOptions { PollInterval = TimeSpan.FromSeconds(10) }).WaitAsync(cluster, stepId, default);

        Assert.Equal("FAILED", step.Status!.State);
        Assert.Equal("AnalysisException: cannot resolve `fare`", step.Status.FailureDetails!.Message);
        Assert.Equal([TimeSpan.FromSeconds(10)], delays.Requested);
    }

    public async Task DisposeAsync()
    {
        var problems = emr.Problems.ToList();
        await emr.DisposeAsync();
        Assert.Empty(problems);
    }
}
