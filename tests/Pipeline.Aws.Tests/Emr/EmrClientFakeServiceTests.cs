using Amazon;
using Pipeline.Aws.Emr;
using Pipeline.Aws.Json;
using Pipeline.Aws.Tests.Support;

namespace Pipeline.Aws.Tests.Emr;

/// <summary>The EMR client against a fake EMR (a real HTTP server of ours): requests checked against EMR's official model.</summary>
public sealed class EmrClientFakeServiceTests
{
    static readonly AwsModel Model = AwsModel.Load("emr");
    readonly ImmediateDelays _delays = new();

    EmrClient Client(FakeJsonService fake) => new(FakeClients.For(fake, AwsJsonService.Emr, RegionEndpoint.EUCentral1, _delays));

    static string Answer(string operation) => Model.LastPage(operation, "Marker");

    static StepConfig SparkStep() => new("pipeline trips run-000007 attempt-1",
        new HadoopJarStepConfig("command-runner.jar", ["spark-submit", "s3://lake/pipeline/driver.py", "s3://lake/runs/trips/run-000007/manifest.json"]));

    static RunJobFlowRequest Cluster(AutoTerminationPolicy? policy) => new("pipeline-transient",
        new JobFlowInstancesConfig([new InstanceGroupConfig("MASTER", "m5.xlarge", 1), new InstanceGroupConfig("CORE", "m5.xlarge", 2)], KeepJobFlowAliveWhenNoSteps: true),
        "emr-7.5.0", "s3://lake/emr-logs/", [SparkStep()], [new Application("Spark")], "EMR_EC2_DefaultRole", "EMR_DefaultRole",
        [new Tag("pipeline", "transient")], policy);

    [Fact]
    public async Task EveryOperation_SendsARequestEmrsModelAccepts_SignedForEmr()
    {
        await using var fake = await FakeJsonService.StartAsync((operation, _) => (200, Answer(operation)));
        var emr = Client(fake);

        var cluster = await emr.RunJobFlowAsync(Cluster(new AutoTerminationPolicy(600)), default);
        var steps = await emr.AddJobFlowStepsAsync(cluster, [SparkStep()], default);
        await emr.DescribeStepAsync(cluster, steps[0], default);
        await emr.ListStepsAsync(cluster, ["PENDING", "RUNNING"], default);
        await emr.ListClustersAsync(EmrClient.ActiveStates, default);
        await emr.TerminateJobFlowsAsync([cluster], default);

        Assert.Equal(EmrClient.Operations, fake.Requests.Select(r => r.Operation));
        Assert.All(fake.Requests, r => Assert.Empty(Model.Problems(r.Operation, r.Body)));
        Assert.All(fake.Requests, r => Assert.Contains("/eu-central-1/elasticmapreduce/aws4_request", r.Headers["Authorization"], StringComparison.Ordinal));
        Assert.Equal("ElasticMapReduce.RunJobFlow", fake.Requests.First().Headers["X-Amz-Target"]);
    }

    [Fact]
    public async Task AClusterWithoutAutoTermination_IsRefusedBeforeItIsStarted()
    {
        await using var fake = await FakeJsonService.StartAsync((operation, _) => (200, Answer(operation)));

        await Assert.ThrowsAsync<ArgumentException>(() => Client(fake).RunJobFlowAsync(Cluster(null), default));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task ModelShapedStepsAndClusters_AreRead_AcrossPages()
    {
        await using var fake = await FakeJsonService.StartAsync((operation, request) => operation == "ListSteps" && !request.TryGetProperty("Marker", out System.Text.Json.JsonElement _)
            ? (200, Model.SampleOutput(operation).ToJsonString())
            : (200, Answer(operation)));
        var emr = Client(fake);

        var step = await emr.DescribeStepAsync("j-1", "s-1", default);
        var steps = await emr.ListStepsAsync("j-1", null, default);
        var clusters = await emr.ListClustersAsync(EmrClient.ActiveStates, default);

        Assert.Equal(("PENDING", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250)), (step.Status!.State, step.Status.Timeline!.CreationDateTime));
        Assert.Equal(2, steps.Count);
        Assert.Equal("STARTING", Assert.Single(clusters).Status!.State);
    }

    public static TheoryData<string, string> ModelErrors() => Model.ErrorCases(EmrClient.Operations);

    [Theory]
    [MemberData(nameof(ModelErrors))]
    public async Task EachErrorTheModelLists_ComesBackWithItsCode(string operation, string error)
    {
        var retryable = error is "InternalServerError" or "InternalServerException";
        await using var fake = await FakeJsonService.StartAsync((_, _) => (retryable ? 500 : 400, $$"""{"__type": "{{error}}", "Message": "as the model says"}"""));
        var emr = Client(fake);
        Func<Task> call = operation switch
        {
            "RunJobFlow" => () => emr.RunJobFlowAsync(Cluster(new AutoTerminationPolicy(600)), default),
            "AddJobFlowSteps" => () => emr.AddJobFlowStepsAsync("j-1", [SparkStep()], default),
            "DescribeStep" => () => emr.DescribeStepAsync("j-1", "s-1", default),
            "ListSteps" => () => emr.ListStepsAsync("j-1", null, default),
            "ListClusters" => () => emr.ListClustersAsync(EmrClient.ActiveStates, default),
            _ => () => emr.TerminateJobFlowsAsync(["j-1"], default),
        };

        var thrown = await Assert.ThrowsAsync<AwsServiceException>(call);

        Assert.Equal($"EMR {operation} failed: {error}: as the model says", thrown.Message);
        Assert.Equal(retryable ? 5 : 1, fake.Requests.Count);
    }
}
