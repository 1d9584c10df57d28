namespace Pipeline.Aws.Configuration;

/// <summary>The arrival feed (<c>Pipeline:Arrivals</c>).</summary>
public enum ArrivalsKind
{
    /// <summary>No queue: the folder watch (local lake) or the reconciliation listing alone (S3 lake).</summary>
    Local,

    /// <summary>S3 event notifications on an SQS queue, plus the reconciliation listing.</summary>
    Sqs,
}
