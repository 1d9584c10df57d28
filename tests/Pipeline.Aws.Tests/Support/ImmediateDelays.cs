using System.Collections.Concurrent;

namespace Pipeline.Aws.Tests.Support;

/// <summary>A clock whose timers fire at once: code that pauses (a retry's backoff) runs on, and the pauses it asked for are kept.</summary>
public sealed class ImmediateDelays : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Requested { get; } = new();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Requested.Enqueue(dueTime);
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new Fired();
    }

    sealed class Fired : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
