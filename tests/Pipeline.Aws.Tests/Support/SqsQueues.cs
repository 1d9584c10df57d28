using Pipeline.Aws.Sqs;

namespace Pipeline.Aws.Tests.Support;

/// <summary>SQS clients for the emulator whose every request is checked against the model, and fresh queues.</summary>
public static class SqsQueues
{
    /// <summary>A client of the emulator, checked by <see cref="SqsModelCheck"/>.</summary>
    public static SqsClient Client(AwsEmulators emulators, TimeProvider? time = null) =>
        new(new HttpClient(new SqsModelCheck()), emulators.Settings, new SqsRequestSigner(emulators.Settings, time ?? TimeProvider.System));

    /// <summary>A queue with a dead-letter queue behind it (redrive after <paramref name="maxReceiveCount"/> receives).</summary>
    public static async Task<(string Queue, string DeadLetters)> CreateWithDeadLettersAsync(SqsClient sqs, int maxReceiveCount)
    {
        var name = "arrivals-" + Guid.NewGuid().ToString("N")[..10];
        var dlq = await sqs.CreateQueueAsync(name + "-dlq");
        var arn = (await sqs.GetQueueAttributesAsync(dlq, ["QueueArn"]))["QueueArn"];
        var queue = await sqs.CreateQueueAsync(name);
        await sqs.SetQueueAttributesAsync(queue, new Dictionary<string, string>
        {
            ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{arn}}","maxReceiveCount":"{{maxReceiveCount}}"}""",
        });
        return (queue, dlq);
    }
}
