using System.Text.Json;
using Pipeline.Aws.S3;
using Pipeline.Aws.Sqs;

namespace Pipeline.Aws.Tests.Sqs;

public sealed class S3EventParserTests
{
    [Fact]
    public void Parse_NotificationWithSeveralRecords_EveryObjectWithItsKeyDecoded()
    {
        var body = S3Events.Notification("lake", ("raw/trips/jan+2024%2Ffares+%26+tips.csv", 10, "aa"), ("raw/trips/b.csv", 20, "bb"));

        Assert.Equal([new ObjectCreated("lake", "raw/trips/jan 2024/fares & tips.csv", 10, "aa"), new ObjectCreated("lake", "raw/trips/b.csv", 20, "bb")],
            S3EventParser.Parse(body));
    }

    [Fact]
    public void Parse_TestEventAndRemovals_GiveNoObjects()
    {
        var removed = S3Events.Notification("lake", ("raw/trips/a.csv", 0, "")).Replace("ObjectCreated:Put", "ObjectRemoved:Delete", StringComparison.Ordinal);

        Assert.Empty(S3EventParser.Parse(S3Events.TestEvent("lake")));
        Assert.Empty(S3EventParser.Parse(removed));
    }

    [Fact]
    public void Parse_EventBridgeObjectCreated_KeyTakenAsIs()
    {
        Assert.Equal([new ObjectCreated("lake", "raw/trips/a+b.csv", 5, "4af981f98d22a0b9979da24b259e5e42-12")],
            S3EventParser.Parse(S3Events.EventBridge("lake", "raw/trips/a+b.csv", 5, "4af981f98d22a0b9979da24b259e5e42-12")));
    }

    [Fact]
    public void Parse_NotificationInsideAnSnsEnvelope_IsUnwrapped()
    {
        var sns = JsonSerializer.Serialize(new { Type = "Notification", TopicArn = "arn:aws:sns:us-east-1:1:t", Message = S3Events.Notification("lake", ("raw/t/a.csv", 1, "e")) });

        Assert.Equal("raw/t/a.csv", Assert.Single(S3EventParser.Parse(sns)).Key);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"hello":"world"}""")]
    [InlineData("""{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"}}}]}""")]
    public void Parse_NoKnownShape_Throws(string body) => Assert.Throws<FormatException>(() => S3EventParser.Parse(body));

    [Theory]
    [InlineData("raw/trips/a.csv", "trips", "raw/trips/a.csv")]
    [InlineData("raw/trips/2024/01/a.csv", "trips", "raw/trips/2024/01/a.csv")]
    [InlineData("raw/trips/_tmp/a.csv", null, null)]
    [InlineData("raw/trips/a.csv.part", null, null)]
    [InlineData("raw/Bad-Id/a.csv", null, null)]
    [InlineData("processed/trips/a.parquet", null, null)]
    [InlineData("raw/trips/", null, null)]
    public void RawArrivalFilter_Matches_OnlyFilesOfADatasetsRawZone(string key, string? dataset, string? lakeKey)
    {
        var filter = new RawArrivalFilter("lake", new S3Keys("team/"));

        var match = filter.Match(new ObjectCreated("lake", "team/" + key, 1, "e"));

        Assert.Equal(dataset, match?.Dataset);
        Assert.Equal(lakeKey, match?.LakeKey);
        Assert.Null(filter.Match(new ObjectCreated("other-bucket", "team/raw/trips/a.csv", 1, "e")));
        Assert.Null(filter.Match(new ObjectCreated("lake", "raw/trips/a.csv", 1, "e")));
    }
}
