using System.Collections.Concurrent;
using System.Diagnostics;
using Pipeline.Core.Grains;
using Pipeline.Core.Runs;
using Pipeline.Silo.Grains;

namespace Pipeline.Silo.Stages;

/// <summary>
/// Runs stage attempts on the thread pool, one span per attempt, and reports each outcome to its
/// grain. An attempt token runs at most once at a time in this process.
/// </summary>
public sealed partial class StageRunner(IServiceProvider services, ILogger<StageRunner> logger) : IStageRunner, IDisposable
{
    /// <summary>The name of the stages' ActivitySource.</summary>
    public const string ActivitySourceName = "Pipeline.Silo.Stages";

    static readonly ActivitySource Source = new(ActivitySourceName);
    readonly ConcurrentDictionary<string, Task> running = new(StringComparer.Ordinal);
    readonly CancellationTokenSource stopping = new();

    /// <inheritdoc />
    public bool IsRunning(string token) => running.ContainsKey(token);

    /// <inheritdoc />
    public void Start(StageWork work)
    {
        var gate = new TaskCompletionSource();
        if (running.TryAdd(work.Token, gate.Task))
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await RunAsync(work, stopping.Token);
                }
                finally
                {
                    running.TryRemove(work.Token, out _);
                    gate.SetResult();
                }
            });
        }
    }

    async Task RunAsync(StageWork work, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(work.TraceParent, null, out var parent);
        using var activity = Source.StartActivity($"{work.Stage} {work.Dataset}", ActivityKind.Internal, parent);
        activity?.SetTag("pipeline.dataset", work.Dataset).SetTag("pipeline.run_id", work.RunId)
            .SetTag("pipeline.stage", work.Stage.ToString()).SetTag("pipeline.attempt", work.Attempt)
            .SetTag("pipeline.engine", "duckdb");
        var grain = services.GetRequiredService<IGrainFactory>().GetGrain<IDatasetWorkGrain>(work.Dataset);
        LogStarted(logger, work.Dataset, work.RunId, work.Stage, work.Attempt);
        Func<Task> report;
        try
        {
            var outcome = await StageFor(work.Stage).RunAsync(work, cancellationToken);
            if (outcome.Counts is { } c)
            {
                activity?.SetTag("pipeline.rows_in", c.RowsIn).SetTag("pipeline.rows_out", c.RowsWritten)
                    .SetTag("pipeline.rows_quarantined", c.RowsQuarantined);
            }

            activity?.SetStatus(ActivityStatusCode.Ok);
            LogCompleted(logger, work.Dataset, work.RunId, work.Stage, work.Attempt);
            report = () => grain.StageCompletedAsync(work.Token, outcome, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping: the attempt stays "started" and is re-adopted by the grain's reminder.
            return;
        }
        catch (Exception ex)
        {
            var transient = ex is not StageException { Transient: false };
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.AddException(ex);
            LogFailed(logger, work.Dataset, work.RunId, work.Stage, work.Attempt, transient, ex);
            var expectations = (ex.InnerException as Pipeline.Core.Transform.TransformException)?.Expectations;
            report = () => grain.StageFailedAsync(work.Token, ex.Message, transient, expectations, CancellationToken.None);
        }

        try
        {
            await ReportAsync(work, report, cancellationToken);
        }
        catch (Exception ex)
        {
            LogReportLost(logger, work.Dataset, work.RunId, work.Stage, ex);
        }
    }

    // A report the grain never gets leaves the attempt "started": its reminder re-adopts it, and the attempt runs
    // again into the same run folder. Worth a few tries first (the grain may be moving between silos).
    async Task ReportAsync(StageWork work, Func<Task> report, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await report();
                return;
            }
            catch (Exception ex) when (attempt < 5 && !cancellationToken.IsCancellationRequested && ex is not GrainException)
            {
                LogReportRetried(logger, work.Dataset, work.RunId, work.Stage, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), CancellationToken.None);
            }
        }
    }

    IStage StageFor(Stage stage) => stage switch
    {
        Stage.Transform => services.GetRequiredService<TransformStage>(),
        Stage.Catalog => services.GetRequiredService<CatalogStage>(),
        _ => services.GetRequiredService<CurateStage>(),
    };

    /// <inheritdoc />
    public void Dispose()
    {
        // Registered under two service types, so the container may dispose it twice.
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            stopping.Cancel();
            stopping.Dispose();
        }
    }

    int disposed;

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "{DatasetId} {RunId}: the {Stage} attempt's outcome did not reach the grain; its reminder runs the attempt again")]
    static partial void LogReportLost(ILogger logger, string datasetId, string runId, Stage stage, Exception exception);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "{DatasetId} {RunId}: reporting {Stage} to the grain failed; trying again")]
    static partial void LogReportRetried(ILogger logger, string datasetId, string runId, Stage stage, Exception exception);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "{DatasetId} {RunId}: {Stage} attempt {Attempt} started")]
    static partial void LogStarted(ILogger logger, string datasetId, string runId, Stage stage, int attempt);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "{DatasetId} {RunId}: {Stage} attempt {Attempt} succeeded")]
    static partial void LogCompleted(ILogger logger, string datasetId, string runId, Stage stage, int attempt);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "{DatasetId} {RunId}: {Stage} attempt {Attempt} failed (transient: {Transient})")]
    static partial void LogFailed(ILogger logger, string datasetId, string runId, Stage stage, int attempt, bool transient, Exception exception);
}
