using System.Diagnostics;
using Amazon.SQS.Model;
using Pipeline.Aws.Sqs;
using Pipeline.Aws.Tests.Support;

namespace Pipeline.Aws.Tests.Sqs;

/// <summary>
/// The heartbeat against a fake SQS that throttles or hangs, on the client <see cref="SqsClients"/> builds for it:
/// one request per beat (the SDK never retries on its own), a hung request given up within the beat, and the
/// next beat as the retry. The beats are stepped by hand; the request timeout runs on the real clock.
/// </summary>
public sealed class VisibilityHeartbeatTests : IAsyncLifetime
{
    const string Extend = "ChangeMessageVisibilityBatch";
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    readonly MetricCapture capture = new();
    readonly ListLogger<VisibilityHeartbeatTests> log = new();
    readonly SteppingTimeProvider clock = new(DateTimeOffset.UnixEpoch);
    FakeSqsServer sqs = null!;

    long Errors => capture.Sum("pipeline.sqs.errors", "pipeline.sqs.operation", Extend);

    long Extended => capture.Sum("pipeline.sqs.visibility_extensions");

    public async Task InitializeAsync() => sqs = await FakeSqsServer.StartAsync();

    [Fact]
    public async Task Throttled_OneRequestPerBeat_TheNextBeatExtends()
    {
        sqs.Script(Extend, FakeSqsAnswer.Throttled, FakeSqsAnswer.Throttled);
        var visibility = TimeSpan.FromSeconds(30);
        using var clients = Clients(visibility);

        await using (Start(clients, visibility, messages: 2))
        {
            await BeatAsync(visibility, () => Errors == 1, "the first beat throttled");
            Assert.Equal(1, sqs.Requests(Extend));
            await BeatAsync(visibility, () => Errors == 2, "the second beat throttled");
            Assert.Equal(2, sqs.Requests(Extend));
            await BeatAsync(visibility, () => Extended == 2, "the third beat extending both messages");
            Assert.Equal(3, sqs.Requests(Extend));
        }

        Assert.Equal(2, log.Entries.Count(e => e.Event == "LogExtensionFailed"));
    }

    [Fact]
    public async Task Hung_GivenUpWithinTheBeat_TheNextBeatExtends()
    {
        sqs.Script(Extend, FakeSqsAnswer.Hang);
        var visibility = TimeSpan.FromSeconds(3);
        using var clients = Clients(visibility);

        await using (Start(clients, visibility, messages: 1))
        {
            var watch = Stopwatch.StartNew();
            await BeatAsync(visibility, () => Errors == 1, "the hung extension given up");
            var gaveUpAfter = watch.Elapsed;
            Assert.Equal(1, sqs.Requests(Extend));
            await BeatAsync(visibility, () => Extended == 1, "the next beat extending");

            Assert.Equal(2, sqs.Requests(Extend));
            Assert.InRange(gaveUpAfter, SqsClients.HeartbeatTimeout(visibility) * 0.9, visibility);
        }
    }

    [Fact]
    public async Task Disposed_WhileAnExtensionHangs_StopsAtOnceWithoutCountingAFailure()
    {
        sqs.Script(Extend, FakeSqsAnswer.Hang);
        var visibility = TimeSpan.FromSeconds(60);
        using var clients = Clients(visibility);
        var heartbeat = Start(clients, visibility, messages: 1);
        await BeatAsync(visibility, () => sqs.Requests(Extend) == 1, "the extension sent");

        var watch = Stopwatch.StartNew();
        await heartbeat.DisposeAsync();

        Assert.InRange(watch.Elapsed, TimeSpan.Zero, SqsClients.HeartbeatTimeout(visibility) / 4);
        Assert.Equal((0, 0), (Errors, Extended));
    }

    SqsClients Clients(TimeSpan visibility) => SqsClients.Create(sqs.Settings, new SqsOptions { QueueName = "q", VisibilityTimeout = visibility });

    VisibilityHeartbeat Start(SqsClients clients, TimeSpan visibility, int messages) =>
        VisibilityHeartbeat.Start(clients.Heartbeat, new Uri(sqs.Url, "000000000000/q").ToString(),
            [.. Enumerable.Range(0, messages).Select(i => new Message { MessageId = $"m{i}", ReceiptHandle = $"r{i}", Body = "{}" })],
            visibility, clock, new SqsMetrics(capture.Factory), log);

    async Task BeatAsync(TimeSpan visibility, Func<bool> until, string what)
    {
        clock.Advance(visibility / 3);
        await Eventually.HoldsAsync(until, Wait, what);
    }

    public async Task DisposeAsync()
    {
        await sqs.DisposeAsync();
        capture.Dispose();
    }
}
