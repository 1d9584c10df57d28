using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pipeline.Aws.Sqs;

/// <summary>The SQS feed's span source and instruments (meter <c>Pipeline.Aws.Sqs</c>).</summary>
public sealed class SqsMetrics : IDisposable
{
    /// <summary>The activity source and meter name.</summary>
    public const string Name = "Pipeline.Aws.Sqs";

    /// <summary>Spans of handled message batches.</summary>
    public static readonly ActivitySource Source = new(Name);

    readonly Meter meter;
    readonly Counter<long> messages;
    readonly Counter<long> deadLetters;
    readonly Counter<long> extensions;
    readonly Counter<long> errors;

    /// <summary>Creates the instruments.</summary>
    public SqsMetrics(IMeterFactory factory)
    {
        meter = factory.Create(Name);
        messages = meter.CreateCounter<long>("pipeline.sqs.messages", "{message}",
            "Messages handled, by outcome: recorded (deleted after its arrivals were recorded), ignored (deleted, nothing to record), failed (retried later), poison (not an event)");
        deadLetters = meter.CreateCounter<long>("pipeline.sqs.dead_letters", "{message}",
            "Messages that failed their last allowed receive: the queue's redrive policy moves them to the dead-letter queue");
        extensions = meter.CreateCounter<long>("pipeline.sqs.visibility_extensions", "{message}",
            "Message visibility timeouts extended while the messages were handled");
        errors = meter.CreateCounter<long>("pipeline.sqs.errors", "{error}",
            "Failed requests to SQS (after the SDK's own retries, where it makes any) and failed batch entries, by operation");
    }

    /// <summary>A message was handled.</summary>
    public void Handled(string outcome, int count = 1) => messages.Add(count, new KeyValuePair<string, object?>("pipeline.sqs.outcome", outcome));

    /// <summary>A message goes to the dead-letter queue.</summary>
    public void DeadLettered() => deadLetters.Add(1);

    /// <summary>The visibility timeouts of <paramref name="count"/> messages were extended.</summary>
    public void Extended(int count) => extensions.Add(count);

    /// <summary>A request to SQS failed.</summary>
    public void Failed(string operation) => errors.Add(1, new KeyValuePair<string, object?>("pipeline.sqs.operation", operation));

    /// <inheritdoc />
    public void Dispose() => meter.Dispose();
}
