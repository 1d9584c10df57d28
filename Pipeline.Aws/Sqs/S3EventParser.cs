using System.Text.Json;
using Pipeline.Aws.S3;

namespace Pipeline.Aws.Sqs;

/// <summary>
/// Reads queue message bodies: S3 event notifications (one or more <c>Records</c>, keys URL-encoded with
/// '+' for spaces), the same wrapped in an SNS notification, and EventBridge "Object Created" events (keys
/// as is). <c>s3:TestEvent</c> and events other than object creation give no objects.
/// </summary>
public static class S3EventParser
{
    /// <summary>The objects a message reports as created; throws <see cref="FormatException"/> for a body of no known shape.</summary>
    public static IReadOnlyList<ObjectCreated> Parse(string body)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The message is not JSON: {ex.Message}", ex);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The message is not a JSON object.");
        }

        if (Text(root, "Type") == "Notification" && Text(root, "Message") is { } inner)
        {
            return Parse(inner);
        }

        if (Text(root, "Event") == "s3:TestEvent")
        {
            return [];
        }

        if (root.TryGetProperty("Records", out var records) && records.ValueKind == JsonValueKind.Array)
        {
            return records.EnumerateArray().Where(IsObjectCreated).Select(FromRecord).ToList();
        }

        if (Text(root, "source") == "aws.s3" && root.TryGetProperty("detail", out var detail))
        {
            return Text(root, "detail-type") == "Object Created" ? [FromEventBridge(detail)] : [];
        }

        throw new FormatException("The message is neither an S3 event notification nor an EventBridge S3 event.");
    }

    /// <summary>Decodes a notification key: '+' is a space, then percent-decoding.</summary>
    public static string DecodeKey(string key) => Uri.UnescapeDataString(key.Replace('+', ' '));

    static bool IsObjectCreated(JsonElement record) =>
        Text(record, "eventSource") == "aws:s3" && (Text(record, "eventName") ?? "").StartsWith("ObjectCreated:", StringComparison.Ordinal);

    static ObjectCreated FromRecord(JsonElement record)
    {
        var s3 = Required(record, "s3");
        var item = Required(s3, "object");
        return new ObjectCreated(Text(Required(s3, "bucket"), "name") ?? throw Missing("s3.bucket.name"),
            DecodeKey(Text(item, "key") ?? throw Missing("s3.object.key")), Size(item), S3Keys.BareETag(Text(item, "eTag")));
    }

    static ObjectCreated FromEventBridge(JsonElement detail)
    {
        var item = Required(detail, "object");
        return new ObjectCreated(Text(Required(detail, "bucket"), "name") ?? throw Missing("detail.bucket.name"),
            Text(item, "key") ?? throw Missing("detail.object.key"), Size(item), S3Keys.BareETag(Text(item, "etag")));
    }

    static long Size(JsonElement item) =>
        item.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number ? size.GetInt64() : 0;

    static JsonElement Required(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw Missing(name);

    static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    static FormatException Missing(string name) => new($"The event has no '{name}'.");
}
