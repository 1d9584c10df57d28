using System.Text.Json;

namespace Pipeline.Aws.Tests.Sqs;

/// <summary>Message bodies as S3 and EventBridge send them.</summary>
public static class S3Events
{
    /// <summary>An S3 event notification with one record per (key as S3 encodes it, size, ETag).</summary>
    public static string Notification(string bucket, params (string EncodedKey, long Size, string ETag)[] objects) => JsonSerializer.Serialize(new
    {
        Records = objects.Select(o => new
        {
            eventVersion = "2.1",
            eventSource = "aws:s3",
            awsRegion = "us-east-1",
            eventTime = "2026-03-01T12:00:00.000Z",
            eventName = "ObjectCreated:Put",
            s3 = new
            {
                s3SchemaVersion = "1.0",
                configurationId = "raw-arrivals",
                bucket = new { name = bucket, arn = $"arn:aws:s3:::{bucket}" },
                @object = new { key = o.EncodedKey, size = o.Size, eTag = o.ETag, sequencer = "0062E99A88DC407460" },
            },
        }),
    });

    /// <summary>The test event S3 sends when notifications are configured.</summary>
    public static string TestEvent(string bucket) =>
        $$"""{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-03-01T12:00:00.000Z","Bucket":"{{bucket}}","RequestId":"X","HostId":"Y"}""";

    /// <summary>An EventBridge "Object Created" event (keys are not encoded there).</summary>
    public static string EventBridge(string bucket, string key, long size, string etag) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["version"] = "0",
        ["id"] = "c9888434-815d-c6f4-9fc2-4dd7bdeccaaf",
        ["detail-type"] = "Object Created",
        ["source"] = "aws.s3",
        ["region"] = "us-east-1",
        ["resources"] = new[] { $"arn:aws:s3:::{bucket}" },
        ["detail"] = new Dictionary<string, object>
        {
            ["version"] = "0",
            ["bucket"] = new { name = bucket },
            ["object"] = new { key, size, etag, sequencer = "0064D3901D00059242" },
            ["reason"] = "PutObject",
        },
    });
}
