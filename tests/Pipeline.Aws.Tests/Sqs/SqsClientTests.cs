using Pipeline.Aws.Sqs;
using Pipeline.Aws.Tests.Support;

namespace Pipeline.Aws.Tests.Sqs;

[Collection(AwsCollection.Name)]
public sealed class SqsClientTests(AwsEmulators emulators)
{
    readonly SqsClient sqs = SqsQueues.Client(emulators);

    [Fact]
    public async Task EveryOperation_AgainstTheEmulator_ConformsToTheModelAndWorks()
    {
        var (queue, _) = await SqsQueues.CreateWithDeadLettersAsync(sqs, maxReceiveCount: 3);
        var name = queue[(queue.LastIndexOf('/') + 1)..];
        Assert.Equal(queue, await sqs.GetQueueUrlAsync(name));

        var id = await sqs.SendMessageAsync(queue, """{"hello":"wörld"}""");
        var received = Assert.Single(await sqs.ReceiveMessagesAsync(queue, 10, 1, TimeSpan.FromSeconds(30)));
        await sqs.ChangeVisibilityAsync(queue, received.ReceiptHandle, TimeSpan.FromSeconds(60));
        var failed = await sqs.DeleteMessagesAsync(queue, [received.ReceiptHandle]);

        Assert.Equal((id, """{"hello":"wörld"}""", 1), (received.MessageId, received.Body, received.ReceiveCount));
        Assert.Empty(failed);
        Assert.Empty(await sqs.ReceiveMessagesAsync(queue, 10, 0, TimeSpan.FromSeconds(30)));
        Assert.Contains("maxReceiveCount", (await sqs.GetQueueAttributesAsync(queue, ["RedrivePolicy"]))["RedrivePolicy"], StringComparison.Ordinal);
        string[] used = ["GetQueueUrl", "CreateQueue", "SetQueueAttributes", "GetQueueAttributes", "SendMessage", "ReceiveMessage",
            "DeleteMessageBatch", "ChangeMessageVisibility"];
        Assert.All(used, op => Assert.True(SqsModelCheck.Operations.ContainsKey(op), op));
    }

    [Fact]
    public async Task ReceiveMessagesAsync_EmptyQueue_LongPollsUntilAMessageArrives()
    {
        var queue = await sqs.CreateQueueAsync("poll-" + Guid.NewGuid().ToString("N")[..10]);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var receive = sqs.ReceiveMessagesAsync(queue, 1, 10, TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        await sqs.SendMessageAsync(queue, "late");

        Assert.Equal("late", Assert.Single(await receive).Body);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task ChangeVisibilityAsync_Zero_MakesTheMessageVisibleAgainWithAHigherReceiveCount()
    {
        var queue = await sqs.CreateQueueAsync("vis-" + Guid.NewGuid().ToString("N")[..10]);
        await sqs.SendMessageAsync(queue, "m");
        var first = Assert.Single(await sqs.ReceiveMessagesAsync(queue, 1, 1, TimeSpan.FromMinutes(5)));

        await sqs.ChangeVisibilityAsync(queue, first.ReceiptHandle, TimeSpan.Zero);

        Assert.Equal(2, Assert.Single(await sqs.ReceiveMessagesAsync(queue, 1, 1, TimeSpan.FromMinutes(5))).ReceiveCount);
    }

    [Fact]
    public async Task GetQueueUrlAsync_MissingQueue_ThrowsWithTheErrorCode()
    {
        var error = await Assert.ThrowsAsync<SqsException>(() => sqs.GetQueueUrlAsync("no-such-queue-" + Guid.NewGuid().ToString("N")));

        Assert.Equal("QueueDoesNotExist", error.Code);
        Assert.False(error.Transient);
    }

    [Fact]
    public void Endpoint_WithoutOverride_IsTheRegionalEndpoint()
    {
        var settings = new Pipeline.Aws.Configuration.AwsSettings(Amazon.RegionEndpoint.EUWest1, new Dictionary<string, string?>(),
            new Amazon.Runtime.BasicAWSCredentials("a", "b"));

        var client = new SqsClient(new HttpClient(), settings, new SqsRequestSigner(settings, TimeProvider.System));

        Assert.Equal(new Uri("https://sqs.eu-west-1.amazonaws.com/"), client.Endpoint);
    }
}
