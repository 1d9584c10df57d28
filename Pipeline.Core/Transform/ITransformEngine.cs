namespace Pipeline.Core.Transform;

/// <summary>The transform stage's engine: DuckDB locally, an EMR step on AWS.</summary>
public interface ITransformEngine
{
    /// <summary>Runs the transform of one run attempt; throws <see cref="TransformException"/> when it cannot.</summary>
    Task<TransformResult> RunAsync(TransformRequest request, CancellationToken cancellationToken = default);
}

/// <summary>A transform that failed; <see cref="Transient"/> says whether retrying can help.</summary>
public sealed class TransformException(string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True for faults that may pass (I/O, memory); false for bad specs or data.</summary>
    public bool Transient { get; } = transient;

    /// <summary>The run's expectation results, when a <c>fail</c> expectation is what failed it.</summary>
    public IReadOnlyList<Expectations.ExpectationResult>? Expectations { get; init; }
}
