using Pipeline.Core.Datasets;
using Pipeline.Core.Runs;
using Pipeline.Silo.Grains;
using Pipeline.Silo.State;

namespace Pipeline.Tests.Silo.Grains;

public sealed class DatasetDecisionsTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    static DatasetSpec Spec(int maxWait = 0, int maxFiles = 100, int attempts = 5) =>
        DatasetValidator.Validate("trips", new DatasetDefinition
        {
            Format = "csv",
            Batch = new BatchPolicy { MaxWaitSeconds = maxWait, MaxFiles = maxFiles },
            Retry = new RetryPolicy { MaxAttempts = attempts, BaseDelaySeconds = 2 },
        }, out _)!;

    [Fact]
    public void Next_NoPendingNoRun_IsIdle() =>
        Assert.IsType<GrainDecision.Idle>(DatasetDecisions.Next(new DatasetState(), Spec(), new PendingSummary(0, null), Now));

    [Fact]
    public void Next_PendingWithoutWindow_CreatesRun() =>
        Assert.IsType<GrainDecision.CreateRun>(DatasetDecisions.Next(new DatasetState(), Spec(), new PendingSummary(1, Now), Now));

    [Fact]
    public void Next_PendingInsideWindow_WakesAtWindowEnd()
    {
        var decision = DatasetDecisions.Next(new DatasetState(), Spec(maxWait: 60), new PendingSummary(3, Now.AddSeconds(-10)), Now);

        Assert.Equal(new GrainDecision.WakeAt(Now.AddSeconds(50)), decision);
    }

    [Fact]
    public void Next_WindowOpenButBatchFull_CreatesRun() =>
        Assert.IsType<GrainDecision.CreateRun>(
            DatasetDecisions.Next(new DatasetState(), Spec(maxWait: 60, maxFiles: 3), new PendingSummary(3, Now), Now));

    [Fact]
    public void Next_ReplayQueued_GoesBeforeNewArrivals_AndSkipsWhatItSkipped()
    {
        var state = new DatasetState
        {
            Replay = new ReplayRecord
            {
                Runs =
                [
                    new ReplayItem { RunId = "run-000001", Before = SetAsideCounts.None, Started = true },
                    new ReplayItem { RunId = "run-000002", Before = SetAsideCounts.None, Skipped = "gone" },
                    new ReplayItem { RunId = "run-000003", Before = SetAsideCounts.None },
                ],
            },
        };

        var decision = DatasetDecisions.Next(state, Spec(), new PendingSummary(5, Now), Now);

        Assert.Equal("run-000003", Assert.IsType<GrainDecision.ReplayNext>(decision).RunId);
    }

    [Fact]
    public void Next_RunWithoutFiles_ClaimsArrivals()
    {
        var state = new DatasetState { Runs = [new RunRecord { RunId = "run-000001", State = RunState.Pending }] };

        Assert.Equal(new GrainDecision.ClaimArrivals("run-000001"), DatasetDecisions.Next(state, Spec(), new PendingSummary(1, Now), Now));
    }

    [Fact]
    public void Next_AttemptInFlight_Waits()
    {
        var run = new RunRecord { RunId = "r", State = RunState.Running, Files = 1 };
        run.Attempts.Add(new AttemptRecord { Token = "t", Stage = Stage.Transform, Attempt = 1, StartedAt = Now });

        Assert.IsType<GrainDecision.AwaitAttempt>(DatasetDecisions.Next(new DatasetState { Runs = [run] }, Spec(), new PendingSummary(5, Now), Now));
    }

    [Fact]
    public void Next_RetryDueLater_WakesThen_ThenStartsNextAttempt()
    {
        var run = new RunRecord { RunId = "r", State = RunState.Running, Files = 1, NextAttemptAt = Now.AddSeconds(3) };
        run.Attempts.Add(new AttemptRecord { Token = "t", Stage = Stage.Transform, Attempt = 1, StartedAt = Now, EndedAt = Now, Error = "x" });
        var state = new DatasetState { Runs = [run] };

        Assert.Equal(new GrainDecision.WakeAt(Now.AddSeconds(3)), DatasetDecisions.Next(state, Spec(), new PendingSummary(0, null), Now));
        Assert.Equal(new GrainDecision.StartAttempt("r", Stage.Transform, 2),
            DatasetDecisions.Next(state, Spec(), new PendingSummary(0, null), Now.AddSeconds(3)));
    }

    [Fact]
    public void Next_AfterManualRetry_NumbersTheAttemptAfterTheSupersededOnes()
    {
        var run = new RunRecord { RunId = "r", State = RunState.Running, Files = 1 };
        run.Attempts.Add(new AttemptRecord { Token = "t1", Stage = Stage.Transform, Attempt = 1, StartedAt = Now, EndedAt = Now, Error = "x", Superseded = true });
        run.Attempts.Add(new AttemptRecord { Token = "t2", Stage = Stage.Transform, Attempt = 2, StartedAt = Now, EndedAt = Now, Error = "x", Superseded = true });

        Assert.Equal(new GrainDecision.StartAttempt("r", Stage.Transform, 3),
            DatasetDecisions.Next(new DatasetState { Runs = [run] }, Spec(), new PendingSummary(0, null), Now));
    }

    [Fact]
    public void RetryAt_PermanentError_FailsAtOnce() =>
        Assert.Null(DatasetDecisions.RetryAt(Spec(), 1, transient: false, Now, 0.5));

    [Fact]
    public void RetryAt_LastAttempt_Fails() =>
        Assert.Null(DatasetDecisions.RetryAt(Spec(attempts: 3), 3, transient: true, Now, 0.5));

    [Theory]
    [InlineData(1, 0.5, 1)]
    [InlineData(2, 0.5, 2)]
    [InlineData(3, 1.0, 8)]
    [InlineData(3, 0.0, 0)]
    [InlineData(30, 1.0, 900)]
    public void Backoff_FullJitter_ScalesCeilingExponentially(int attempt, double jitter, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), DatasetDecisions.Backoff(attempt, 2, jitter));

    [Fact]
    public void After_StagesInOrder_CurateOnlyWithViews()
    {
        var withViews = DatasetValidator.Validate("trips", new DatasetDefinition
        {
            Format = "csv", Views = new Dictionary<string, string> { ["daily"] = "SELECT 1" },
        }, out _)!;

        Assert.Equal(Stage.Catalog, DatasetDecisions.After(Stage.Transform, Spec()));
        Assert.Null(DatasetDecisions.After(Stage.Catalog, Spec()));
        Assert.Equal(Stage.Curate, DatasetDecisions.After(Stage.Catalog, withViews));
        Assert.Null(DatasetDecisions.After(Stage.Curate, withViews));
    }
}
