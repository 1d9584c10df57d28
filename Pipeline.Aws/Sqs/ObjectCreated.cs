namespace Pipeline.Aws.Sqs;

/// <summary>An object-created event: the bucket, the object key (decoded), its size and bare ETag.</summary>
public sealed record ObjectCreated(string Bucket, string Key, long Size, string ETag);
