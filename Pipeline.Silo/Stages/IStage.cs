using Pipeline.Silo.Grains;

namespace Pipeline.Silo.Stages;

/// <summary>The work of one stage; re-executable with the same attempt token after a crash.</summary>
public interface IStage
{
    /// <summary>Runs the attempt; throws <see cref="StageException"/> (or any exception, taken as transient) on failure.</summary>
    Task<StageOutcome> RunAsync(StageWork work, CancellationToken cancellationToken = default);
}

/// <summary>A stage failure with a verdict on whether retrying can help.</summary>
public sealed class StageException(string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when a retry may succeed.</summary>
    public bool Transient { get; } = transient;
}
