using Pipeline.Core.Datasets;
using Pipeline.Core.Grains;
using Pipeline.Core.Runs;
using Pipeline.Silo.Grains;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Silo.Grains;

/// <summary>The dataset grain in an Orleans test cluster on a real SQLite store, with a scripted stage runner.</summary>
public sealed class DatasetGrainTests : IAsyncLifetime
{
    readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    GrainCluster grains = null!;

    ScriptedStageRunner runner => grains.Runner;

    IDatasetGrain Trips => grains.Grains.GetGrain<IDatasetGrain>("trips");

    IDatasetWorkGrain Work => grains.Grains.GetGrain<IDatasetWorkGrain>("trips");

    Task<T> Call<T>(Func<IDatasetGrain, CancellationToken, Task<T>> call) => call(Trips, CancellationToken.None);

    static ArrivalNotice File(string name, string etag = "e1") => new($"raw/trips/{name}", etag, 10);

    async Task RegisterAsync(int attempts = 3) =>
        await Call((g, ct) => g.RegisterAsync(new DatasetDefinition { Format = "csv", Retry = new RetryPolicy { MaxAttempts = attempts, BaseDelaySeconds = 2 } }, ct));

    [Fact]
    public async Task RecordArrivals_SameKeyAndETagTwice_RecordedOnce()
    {
        await RegisterAsync();

        var first = await Call((g, ct) => g.RecordArrivalsAsync([File("a.csv"), File("b.csv")], ct));
        var again = await Call((g, ct) => g.RecordArrivalsAsync([File("a.csv"), File("b.csv"), File("a.csv", "e2")], ct));

        Assert.Equal(new ArrivalsRecorded(2, 0), first);
        Assert.Equal(new ArrivalsRecorded(1, 2), again);
        Assert.Equal(3, (await Call((g, ct) => g.GetStatusAsync(ct))).ArrivalsTotal);
    }

    [Fact]
    public async Task RecordArrivals_UnregisteredDataset_IsNotFound()
    {
        var ex = await Assert.ThrowsAsync<GrainException>(() => Call((g, ct) => g.RecordArrivalsAsync([File("a.csv")], ct)));
        Assert.Equal(GrainErrorKind.NotFound, ex.Kind);
    }

    [Fact]
    public async Task Run_AllStagesSucceed_RunSucceededWithCounts()
    {
        await RegisterAsync();
        await Call((g, ct) => g.RecordArrivalsAsync([File("a.csv")], ct));

        var transform = Assert.Single(runner.Started);
        Assert.Equal(Stage.Transform, transform.Stage);
        await Work.StageCompletedAsync(transform.Token, new StageOutcome(new RunCounts(10, 9, 1, 0), []));
        var catalog = runner.Started[1];
        Assert.Equal(Stage.Catalog, catalog.Stage);
        await Work.StageCompletedAsync(catalog.Token, new StageOutcome(null, []));

        var run = await Call((g, ct) => g.GetRunAsync(transform.RunId, ct));
        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(1, run.Files);
        Assert.Equal(new RunCounts(10, 9, 1, 0), run.Counts);
        Assert.Equal(0, (await Call((g, ct) => g.GetStatusAsync(ct))).ArrivalsPending);
    }

    [Fact]
    public async Task Run_TransientFailures_RetriedWithBackoffThenFailedWithEveryReason()
    {
        await RegisterAsync(attempts: 2);
        await Call((g, ct) => g.RecordArrivalsAsync([File("a.csv")], ct));

        await Work.StageFailedAsync(runner.Started[0].Token, "disk full", transient: true);
        var waiting = await Call((g, ct) => g.GetRunAsync("run-000001", ct));
        Assert.Equal(RunState.Running, waiting.State);
        Assert.Equal(time.GetUtcNow().AddSeconds(2), waiting.NextAttemptAt);
        Assert.Single(runner.Started);

        time.Advance(TimeSpan.FromSeconds(2));
        await Work.WakeAsync();
        Assert.Equal(2, runner.Started.Count);
        await Work.StageFailedAsync(runner.Started[1].Token, "disk still full", transient: true);

        var failed = await Call((g, ct) => g.GetRunAsync("run-000001", ct));
        Assert.Equal(RunState.Failed, failed.State);
        Assert.Equal(["disk full", "disk still full"], failed.Attempts.Select(a => a.Error));
    }

    [Fact]
    public async Task Run_PermanentFailure_NotRetried_RetryApiStartsItAgain()
    {
        await RegisterAsync();
        await Call((g, ct) => g.RecordArrivalsAsync([File("a.csv")], ct));
        await Work.StageFailedAsync(runner.Started[0].Token, "column fare missing", transient: false);
        Assert.Equal(RunState.Failed, (await Call((g, ct) => g.GetRunAsync("run-000001", ct))).State);

        await Call((g, ct) => g.RetryAsync("run-000001", ct));

        Assert.Equal(2, runner.Started.Count);
        Assert.NotEqual(runner.Started[0].Token, runner.Started[1].Token);
        Assert.Equal(RunState.Running, (await Call((g, ct) => g.GetRunAsync("run-000001", ct))).State);
    }

    [Fact]
    public async Task Reprocess_OlderSucceededRun_RestartsAtTransformAsTheActiveRun_NewArrivalsWaitForIt()
    {
        await RegisterAsync();
        foreach (var name in new[] { "a.csv", "b.csv" })
        {
            var raw = await grains.PutRawAsync("trips", name);
            await Call((g, ct) => g.RecordArrivalsAsync([raw], ct));
            await Work.StageCompletedAsync(runner.Started[^1].Token, new StageOutcome(new RunCounts(10, 9, 1, 0), []));
            await Work.StageCompletedAsync(runner.Started[^1].Token, new StageOutcome(null, []));
        }

        var started = await Call((g, ct) => g.ReprocessAsync("run-000001", ct));
        await Call((g, ct) => g.RecordArrivalsAsync([File("c.csv")], ct));

        var work = runner.Started[^1];
        Assert.Equal(("run-000001", Stage.Transform, 1, 2), (started.RunId, work.Stage, work.Reprocessed, work.Attempt));
        var status = await Call((g, ct) => g.GetStatusAsync(ct));
        Assert.Equal(("run-000001", RunState.Running, 1, 1L), (status.LastRun!.RunId, status.LastRun.State, status.LastRun.Reprocessed, status.ArrivalsPending));
        var busy = await Assert.ThrowsAsync<GrainException>(() => Call((g, ct) => g.ReprocessAsync("run-000002", ct)));
        Assert.Equal(GrainErrorKind.Conflict, busy.Kind);
        Assert.Equal(5, runner.Started.Count);
    }

    [Fact]
    public async Task Restart_AttemptLeftInFlight_IsReadoptedWithSameToken()
    {
        await RegisterAsync();
        await Call((g, ct) => g.RecordArrivalsAsync([File("a.csv")], ct));
        var token = runner.Started[0].Token;

        runner.Crash();
        await grains.RestartSiloAsync();
        await Work.WakeAsync();

        Assert.Equal(2, runner.Started.Count);
        Assert.Equal(token, runner.Started[1].Token);
    }

    [Fact]
    public async Task TriggerRun_NoPendingFiles_IsConflict()
    {
        await RegisterAsync();

        var ex = await Assert.ThrowsAsync<GrainException>(() => Call((g, ct) => g.TriggerRunAsync(ct)));

        Assert.Equal(GrainErrorKind.Conflict, ex.Kind);
    }

    [Fact]
    public async Task Batching_WindowHoldsFilesUntilItEnds_ThenOneRunTakesAll()
    {
        await Call((g, ct) => g.RegisterAsync(new DatasetDefinition { Format = "csv", Batch = new BatchPolicy { MaxWaitSeconds = 30 } }, ct));
        await Call((g, ct) => g.RecordArrivalsAsync([File("a.csv")], ct));
        time.Advance(TimeSpan.FromSeconds(10));
        await Call((g, ct) => g.RecordArrivalsAsync([File("b.csv")], ct));
        Assert.Empty(runner.Started);

        time.Advance(TimeSpan.FromSeconds(20));
        await Work.WakeAsync();

        Assert.Single(runner.Started);
        Assert.Equal(2, (await Call((g, ct) => g.GetRunAsync(runner.Started[0].RunId, ct))).Files);
    }

    public async Task InitializeAsync() => grains = await GrainCluster.StartAsync(time);

    // xunit 2 awaits IAsyncLifetime (not IAsyncDisposable) on test classes.
    public async Task DisposeAsync() => await grains.DisposeAsync();
}
