using System.Collections.Concurrent;
using System.Threading.Channels;
using Pipeline.Silo.State;

namespace Pipeline.Silo.Grains;

/// <summary>
/// One activation per dataset in this silo; each drains its own mailbox one call at a time, so a
/// grain never runs two calls at once. A write lost to another writer reloads the grain and
/// re-applies the call.
/// </summary>
public sealed partial class GrainRuntime(GrainServices services, ILogger<GrainRuntime> logger) : IGrainCallback, IAsyncDisposable
{
    const int MaxReapply = 3;
    readonly ILogger logger = logger;
    readonly ConcurrentDictionary<string, Activation> activations = new(StringComparer.Ordinal);

    /// <summary>Calls a grain: queued behind its earlier calls, run alone.</summary>
    public Task<T> CallAsync<T>(string id, Func<DatasetGrain, CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
    {
        var activation = activations.GetOrAdd(id, key => new Activation(new DatasetGrain(key, services), this));
        var item = new WorkItem<T>(call, cancellationToken);
        ObjectDisposedException.ThrowIf(!activation.Mailbox.Writer.TryWrite(item), this);

        return item.Result.Task;
    }

    /// <summary>Calls a grain for its effect.</summary>
    public Task CallAsync(string id, Func<DatasetGrain, CancellationToken, Task> call, CancellationToken cancellationToken = default) =>
        CallAsync<bool>(id, async (g, ct) => { await call(g, ct); return true; }, cancellationToken);

    /// <inheritdoc />
    public Task StageCompletedAsync(string dataset, string token, StageOutcome outcome, CancellationToken cancellationToken = default) =>
        CallAsync(dataset, (g, ct) => g.OnStageCompletedAsync(token, outcome, ct), cancellationToken);

    /// <inheritdoc />
    public Task StageFailedAsync(string dataset, string token, string error, bool transient, CancellationToken cancellationToken = default) =>
        CallAsync(dataset, (g, ct) => g.OnStageFailedAsync(token, error, transient, ct), cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var activation in activations.Values)
        {
            activation.Mailbox.Writer.TryComplete();
        }

        await Task.WhenAll(activations.Values.Select(a => a.Loop)).ConfigureAwait(false);
    }

    abstract class WorkItem
    {
        public abstract Task RunAsync(DatasetGrain grain, GrainRuntime runtime);
    }

    sealed class WorkItem<T>(Func<DatasetGrain, CancellationToken, Task<T>> call, CancellationToken cancellationToken) : WorkItem
    {
        // The caller's span: the call runs on the activation's loop but belongs to the caller's trace.
        readonly System.Diagnostics.Activity? caller = System.Diagnostics.Activity.Current;

        public TaskCompletionSource<T> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task RunAsync(DatasetGrain grain, GrainRuntime runtime)
        {
            System.Diagnostics.Activity.Current = caller;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Result.TrySetResult(await call(grain, cancellationToken).ConfigureAwait(false));
                    return;
                }
                catch (ConcurrencyException ex) when (attempt < MaxReapply)
                {
                    LogReapply(runtime.logger, grain.Id, ex.Message);
                    grain.Reset();
                }
                catch (Exception ex)
                {
                    // A failed call may have changed memory without persisting it: reload next time.
                    grain.Reset();
                    Result.TrySetException(ex);
                    return;
                }
            }
        }
    }

    sealed class Activation
    {
        readonly GrainRuntime runtime;

        public Activation(DatasetGrain grain, GrainRuntime runtime)
        {
            Grain = grain;
            this.runtime = runtime;
            // The loop must not inherit the first caller's context (its span would parent every later call).
            using (ExecutionContext.SuppressFlow())
            {
                Loop = Task.Run(DrainAsync);
            }
        }

        public DatasetGrain Grain { get; }

        public Channel<WorkItem> Mailbox { get; } = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });

        public Task Loop { get; }

        async Task DrainAsync()
        {
            await foreach (var item in Mailbox.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await item.RunAsync(Grain, runtime).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Grain {DatasetId} lost a conditional write ({Reason}); reloading and re-applying")]
    static partial void LogReapply(ILogger logger, string datasetId, string reason);
}
