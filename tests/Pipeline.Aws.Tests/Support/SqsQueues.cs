using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Pipeline.Aws.Tests.Support;

/// <summary>Fresh queues on the emulator, and what a test reads of them, through the SDK's client.</summary>
public static class SqsQueues
{
    /// <summary>A queue with a dead-letter queue behind it (redrive after <paramref name="maxReceiveCount"/> receives).</summary>
    public static async Task<(string Queue, string DeadLetters)> CreateWithDeadLettersAsync(
        IAmazonSQS sqs, int maxReceiveCount, CancellationToken cancellationToken = default)
    {
        var name = "arrivals-" + Guid.NewGuid().ToString("N")[..10];
        var dlq = (await sqs.CreateQueueAsync(name + "-dlq", cancellationToken)).QueueUrl;
        var arn = (await sqs.GetQueueAttributesAsync(dlq, ["QueueArn"], cancellationToken)).QueueARN;
        var queue = (await sqs.CreateQueueAsync(name, cancellationToken)).QueueUrl;
        await sqs.SetQueueAttributesAsync(queue, new Dictionary<string, string>
        {
            ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{arn}}","maxReceiveCount":"{{maxReceiveCount}}"}""",
        }, cancellationToken);
        return (queue, dlq);
    }

    /// <summary>Messages visible and in flight in a queue, read from its attributes: unlike a receive, it changes nothing.</summary>
    public static async Task<(int Visible, int InFlight)> CountsAsync(IAmazonSQS sqs, string queue, CancellationToken cancellationToken = default)
    {
        var attributes = (await sqs.GetQueueAttributesAsync(queue,
            ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"], cancellationToken)).Attributes;
        return (int.Parse(attributes["ApproximateNumberOfMessages"], CultureInfo.InvariantCulture),
            int.Parse(attributes["ApproximateNumberOfMessagesNotVisible"], CultureInfo.InvariantCulture));
    }

    /// <summary>Messages visible in a queue right now (received, then made visible again at once).</summary>
    public static async Task<int> VisibleAsync(IAmazonSQS sqs, string queue, CancellationToken cancellationToken = default)
    {
        var messages = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queue,
            MaxNumberOfMessages = 10,
            WaitTimeSeconds = 0,
            VisibilityTimeout = 30,
        }, cancellationToken)).Messages ?? [];
        foreach (var message in messages)
        {
            await sqs.ChangeMessageVisibilityAsync(queue, message.ReceiptHandle, 0, cancellationToken);
        }

        return messages.Count;
    }
}
