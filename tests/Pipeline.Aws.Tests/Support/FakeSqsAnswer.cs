using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pipeline.Aws.Tests.Support;

/// <summary>One scripted answer of <see cref="FakeSqsServer"/>: an HTTP status and JSON body, or no answer at all.</summary>
public sealed record FakeSqsAnswer(int Status, string Body, bool Hangs = false)
{
    /// <summary>What SQS answers a caller over its request rate (the JSON protocol's ThrottlingException).</summary>
    public static FakeSqsAnswer Throttled { get; } =
        new(400, """{"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate exceeded"}""");

    /// <summary>Reads the request and never answers (until the caller gives up or the server stops).</summary>
    public static FakeSqsAnswer Hang { get; } = new(0, "", Hangs: true);

    /// <summary>A ReceiveMessage answer with these bodies (received once each), their MD5s as the SDK checks them.</summary>
    public static FakeSqsAnswer Messages(params string[] bodies) => new(200, JsonSerializer.Serialize(new
    {
        Messages = bodies.Select((body, i) => new
        {
            MessageId = $"fake-{i}",
            ReceiptHandle = $"receipt-{i}-{Guid.NewGuid():N}",
            Body = body,
            MD5OfBody = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body))),
            Attributes = new Dictionary<string, string> { ["ApproximateReceiveCount"] = "1" },
        }),
    }));
}
