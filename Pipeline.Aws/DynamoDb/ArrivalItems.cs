using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Pipeline.Core.Datasets;
using Pipeline.Core.State;

namespace Pipeline.Aws.DynamoDb;

/// <summary>
/// The items of the arrival log, all under <c>pk</c> = dataset: <c>meta</c> (counters), <c>u#&lt;sha256(key, etag)&gt;</c>
/// (the uniqueness marker), <c>a#&lt;seq&gt;</c> (the arrival), <c>p#&lt;seq&gt;</c> (while pending) and
/// <c>r#&lt;run&gt;#&lt;seq&gt;</c> (once claimed by a run). Sequences are zero-padded so sort keys order them.
/// </summary>
internal static class ArrivalItems
{
    public const string Meta = "meta";

    public static string Unique(ArrivalNotice notice) =>
        "u#" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(notice.Key + "\n" + notice.ETag)));

    public static string Arrival(long seq) => "a#" + Seq(seq);

    public static string Pending(long seq) => "p#" + Seq(seq);

    public static string RunPrefix(string runId) => $"r#{runId}#";

    public static string Run(string runId, long seq) => RunPrefix(runId) + Seq(seq);

    public static Dictionary<string, AttributeValue> Key(string dataset, string sk) =>
        new() { ["pk"] = new AttributeValue { S = dataset }, ["sk"] = new AttributeValue { S = sk } };

    /// <summary>An item carrying the arrival's fields under a given sort key.</summary>
    public static Dictionary<string, AttributeValue> Record(
        string dataset, string sk, long seq, string key, string etag, long size, long recordedAt, string? traceParent, string? runId)
    {
        var item = Key(dataset, sk);
        item["seq"] = Number(seq);
        item["key"] = new AttributeValue { S = key };
        item["etag"] = new AttributeValue { S = etag };
        item["size"] = Number(size);
        item["at"] = Number(recordedAt);
        if (traceParent is not null)
        {
            item["tp"] = new AttributeValue { S = traceParent };
        }

        if (runId is not null)
        {
            item["run"] = new AttributeValue { S = runId };
        }

        return item;
    }

    public static ArrivalRecord ToRecord(Dictionary<string, AttributeValue> item) => new(
        Long(item["seq"]), item["key"].S, item["etag"].S, Long(item["size"]), DateTimeOffset.FromUnixTimeMilliseconds(Long(item["at"])),
        item.TryGetValue("run", out var run) ? run.S : null, item.TryGetValue("tp", out var tp) ? tp.S : null);

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static long Long(AttributeValue value) => long.Parse(value.N, CultureInfo.InvariantCulture);

    static string Seq(long seq) => seq.ToString("D19", CultureInfo.InvariantCulture);
}
