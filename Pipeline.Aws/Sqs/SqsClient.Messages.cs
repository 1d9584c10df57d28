using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Aws.Sqs;

public sealed partial class SqsClient
{
    /// <summary>ReceiveMessage with long polling (waits up to <paramref name="waitSeconds"/> for a message).</summary>
    public async Task<IReadOnlyList<SqsMessage>> ReceiveMessagesAsync(
        string queueUrl, int maxMessages, int waitSeconds, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("ReceiveMessage", new JsonObject
        {
            ["QueueUrl"] = queueUrl,
            ["MaxNumberOfMessages"] = maxMessages,
            ["WaitTimeSeconds"] = waitSeconds,
            ["VisibilityTimeout"] = (int)Math.Ceiling(visibilityTimeout.TotalSeconds),
            ["MessageSystemAttributeNames"] = new JsonArray("ApproximateReceiveCount"),
        }, cancellationToken);
        if (response.ValueKind != JsonValueKind.Object || !response.TryGetProperty("Messages", out var messages))
        {
            return [];
        }

        return messages.EnumerateArray().Select(m => new SqsMessage(
            m.GetProperty("MessageId").GetString()!,
            m.GetProperty("ReceiptHandle").GetString()!,
            m.TryGetProperty("Body", out var body) ? body.GetString() ?? "" : "",
            m.TryGetProperty("Attributes", out var attributes) && attributes.TryGetProperty("ApproximateReceiveCount", out var count)
                ? int.Parse(count.GetString()!, CultureInfo.InvariantCulture)
                : 1)).ToList();
    }

    /// <summary>DeleteMessageBatch (up to 10 handles per request); returns the handles that could not be deleted.</summary>
    public async Task<IReadOnlyList<string>> DeleteMessagesAsync(
        string queueUrl, IReadOnlyList<string> receiptHandles, CancellationToken cancellationToken = default)
    {
        var failed = new List<string>();
        foreach (var batch in receiptHandles.Chunk(10))
        {
            var entries = new JsonArray([.. batch.Select((handle, i) => (JsonNode)new JsonObject
            {
                ["Id"] = i.ToString(CultureInfo.InvariantCulture),
                ["ReceiptHandle"] = handle,
            })]);
            var response = await CallAsync("DeleteMessageBatch", new JsonObject { ["QueueUrl"] = queueUrl, ["Entries"] = entries }, cancellationToken);
            if (response.ValueKind == JsonValueKind.Object && response.TryGetProperty("Failed", out var errors))
            {
                failed.AddRange(errors.EnumerateArray().Select(e => batch[int.Parse(e.GetProperty("Id").GetString()!, CultureInfo.InvariantCulture)]));
            }
        }

        return failed;
    }

    /// <summary>ChangeMessageVisibility: the message stays hidden for <paramref name="timeout"/> from now (0: visible again now).</summary>
    public Task ChangeVisibilityAsync(string queueUrl, string receiptHandle, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        CallAsync("ChangeMessageVisibility", new JsonObject
        {
            ["QueueUrl"] = queueUrl,
            ["ReceiptHandle"] = receiptHandle,
            ["VisibilityTimeout"] = (int)Math.Ceiling(timeout.TotalSeconds),
        }, cancellationToken);
}
