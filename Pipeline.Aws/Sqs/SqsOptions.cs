using System.ComponentModel.DataAnnotations;

namespace Pipeline.Aws.Sqs;

/// <summary>The SQS arrival feed, section <c>Pipeline:Sqs</c> (environment: <c>Pipeline__Sqs__QueueName</c>, ...).</summary>
public sealed class SqsOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pipeline:Sqs";

    /// <summary>The queue receiving the bucket's event notifications (looked up with GetQueueUrl).</summary>
    public string? QueueName { get; set; }

    /// <summary>The queue's URL; wins over <see cref="QueueName"/>.</summary>
    public string? QueueUrl { get; set; }

    /// <summary>Long polling: how long one ReceiveMessage waits for a message (0-20 s).</summary>
    [Range(0, 20)]
    public int WaitTimeSeconds { get; set; } = 20;

    /// <summary>Messages per ReceiveMessage (1-10).</summary>
    [Range(1, 10)]
    public int MaxMessages { get; set; } = 10;

    /// <summary>Receive loops of one silo: each waits on its own long poll, so a busy queue is drained in parallel.</summary>
    [Range(1, 64)]
    public int Receivers { get; set; } = 4;

    /// <summary>How long a received message stays hidden; extended while it is being handled.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "12:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First delay before a message whose arrivals could not be recorded is received again; doubles per receive, up to 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:15:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(QueueName) && string.IsNullOrWhiteSpace(QueueUrl))
        {
            yield return new ValidationResult("Set Pipeline:Sqs:QueueName or Pipeline:Sqs:QueueUrl.", [nameof(QueueName), nameof(QueueUrl)]);
        }
    }
}
