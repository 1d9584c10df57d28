namespace Pipeline.Aws.Sqs;

/// <summary>A received message: its body, the handle that deletes it, and how often it was received.</summary>
public sealed record SqsMessage(string MessageId, string ReceiptHandle, string Body, int ReceiveCount);
