using Microsoft.Extensions.Options;
using Pipeline.Core.Lake;
using Pipeline.Silo.Faults;
using Pipeline.Silo.Telemetry;

namespace Pipeline.Silo.Grains;

/// <summary>What dataset grains need from their silo: the arrival log, the lake, the stage runner, time, faults.</summary>
public sealed class GrainServices(
    IArrivalLog arrivals, ILakeStore lake, IStageRunner runner, TimeProvider time, FaultInjector faults,
    RunSpans spans, SiloMetrics metrics, IOptions<GrainOptions> options)
{
    public IArrivalLog Arrivals { get; } = arrivals;

    public ILakeStore Lake { get; } = lake;

    public IStageRunner Runner { get; } = runner;

    public TimeProvider Time { get; } = time;

    /// <summary>Fault injection (crash tests).</summary>
    public FaultInjector Faults { get; } = faults;

    /// <summary>One trace per run.</summary>
    public RunSpans Spans { get; } = spans;

    public SiloMetrics Metrics { get; } = metrics;

    public GrainOptions Options { get; } = options.Value;

    /// <summary>Jitter source for retry backoff, in [0, 1).</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;
}
