using Pipeline.Silo.Faults;
using Pipeline.Silo.State;
using Pipeline.Silo.Telemetry;

namespace Pipeline.Silo.Grains;

/// <summary>What dataset grains need from the silo: stores, the stage runner, time, randomness, faults.</summary>
public sealed class GrainServices(
    IGrainStateStore store, IArrivalLog arrivals, IStageRunner runner, TimeProvider time, FaultInjector faults,
    RunSpans spans, SiloMetrics metrics)
{
    /// <summary>Run spans (one trace per run).</summary>
    public RunSpans Spans { get; } = spans;

    /// <summary>The silo's instruments.</summary>
    public SiloMetrics Metrics { get; } = metrics;

    /// <summary>Grain state.</summary>
    public IGrainStateStore Store { get; } = store;

    /// <summary>The arrival log.</summary>
    public IArrivalLog Arrivals { get; } = arrivals;

    /// <summary>Runs stage attempts.</summary>
    public IStageRunner Runner { get; } = runner;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Fault injection (crash tests).</summary>
    public FaultInjector Faults { get; } = faults;

    /// <summary>Jitter source for retry backoff, in [0, 1).</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    /// <summary>Raised when a dataset is registered (the arrival scanner starts watching its folder).</summary>
    public event Action<string>? DatasetRegistered;

    internal void Registered(string dataset) => DatasetRegistered?.Invoke(dataset);
}
