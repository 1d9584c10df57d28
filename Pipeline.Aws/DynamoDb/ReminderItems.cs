using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Pipeline.Aws.DynamoDb;

/// <summary>
/// One item per reminder in <c>&lt;prefix&gt;reminders</c>: partition <c>grain_key</c> (<c>&lt;service id&gt;/&lt;grain id&gt;</c>),
/// sort <c>reminder_name</c>; <c>service_id</c> and <c>grain_hash</c> (the grain's uniform hash) key the
/// <see cref="DynamoDbTables.RingIndex"/> index; <c>grain_id</c>, <c>start_at</c> (round-trip "O", UTC),
/// <c>period_ms</c> and <c>etag</c> carry the entry.
/// </summary>
internal static class ReminderItems
{
    public static Dictionary<string, AttributeValue> Key(string serviceId, GrainId grainId, string reminderName) => new()
    {
        ["grain_key"] = Text(GrainKey(serviceId, grainId)),
        ["reminder_name"] = Text(reminderName),
    };

    // Escaping leaves no '/' in the service id, so service "a/b" with grain "t/k" and service "a" with grain "b/t/k" stay apart.
    public static string GrainKey(string serviceId, GrainId grainId) => $"{Uri.EscapeDataString(serviceId)}/{grainId}";

    public static Dictionary<string, AttributeValue> Item(string serviceId, ReminderEntry entry, string etag)
    {
        var item = Key(serviceId, entry.GrainId, entry.ReminderName);
        item["service_id"] = Text(serviceId);
        item["grain_hash"] = Number(entry.GrainId.GetUniformHashCode());
        item["grain_id"] = Text(entry.GrainId.ToString());
        item["start_at"] = Text(entry.StartAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        item["period_ms"] = Number((long)entry.Period.TotalMilliseconds);
        item["etag"] = Text(etag);
        return item;
    }

    public static ReminderEntry Entry(Dictionary<string, AttributeValue> item) => new()
    {
        GrainId = GrainId.Parse(item["grain_id"].S),
        ReminderName = item["reminder_name"].S,
        StartAt = DateTime.Parse(item["start_at"].S, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Period = TimeSpan.FromMilliseconds(long.Parse(item["period_ms"].N, CultureInfo.InvariantCulture)),
        ETag = item["etag"].S,
    };

    public static AttributeValue Text(string value) => new() { S = value };

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
