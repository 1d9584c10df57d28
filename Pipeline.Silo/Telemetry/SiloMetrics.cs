using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Pipeline.Core.Runs;

namespace Pipeline.Silo.Telemetry;

/// <summary>The silo's instruments (meter <c>Pipeline.Silo</c>), exported over OTLP with the rest.</summary>
public sealed class SiloMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Pipeline.Silo";

    readonly Meter meter;
    readonly ConcurrentDictionary<string, long> pending = new(StringComparer.Ordinal);
    readonly Counter<long> arrivals;
    readonly Counter<long> runs;
    readonly Histogram<double> stageDuration;
    readonly Counter<long> rows;
    readonly Counter<long> retries;
    readonly Histogram<double> queryDuration;
    readonly Counter<long> expectations;

    /// <summary>Creates the instruments.</summary>
    public SiloMetrics(IMeterFactory factory)
    {
        meter = factory.Create(MeterName);
        arrivals = meter.CreateCounter<long>("pipeline.arrivals", "{file}", "Files recorded as arrivals (duplicates excluded)");
        runs = meter.CreateCounter<long>("pipeline.runs", "{run}", "Runs that ended, by state");
        stageDuration = meter.CreateHistogram<double>("pipeline.stage.duration", "s", "Duration of stage attempts");
        rows = meter.CreateCounter<long>("pipeline.rows", "{row}", "Rows read, written and quarantined by transforms");
        retries = meter.CreateCounter<long>("pipeline.retries", "{attempt}", "Stage attempts scheduled again after a failure");
        expectations = meter.CreateCounter<long>("pipeline.expectations", "{row}",
            "Rows judged by expectations (runs, for rowCount and freshness), by dataset, expectation and outcome (passed, failed)");
        queryDuration = meter.CreateHistogram<double>("pipeline.query.duration", "s", "Duration of query executions, by state");
        meter.CreateObservableGauge("pipeline.arrivals.pending", () =>
            pending.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("pipeline.dataset", kv.Key))),
            "{file}", "Files waiting for a run, per dataset");
    }

    /// <summary>New arrivals of a dataset.</summary>
    public void Arrived(string dataset, int count) => arrivals.Add(count, Tag(dataset));

    /// <summary>The pending-file count of a dataset, as last seen by its grain.</summary>
    public void Pending(string dataset, long count) => pending[dataset] = count;

    /// <summary>A run ended.</summary>
    public void RunEnded(string dataset, RunState state) =>
        runs.Add(1, Tag(dataset), new KeyValuePair<string, object?>("pipeline.run.state", state.ToString()));

    /// <summary>A stage attempt ended.</summary>
    public void StageEnded(string dataset, Stage stage, TimeSpan duration, bool succeeded) =>
        stageDuration.Record(duration.TotalSeconds, Tag(dataset), new("pipeline.stage", stage.ToString()), new("pipeline.outcome", succeeded ? "success" : "failure"));

    /// <summary>Row counts of a transform.</summary>
    public void Rows(string dataset, RunCounts counts)
    {
        rows.Add(counts.RowsIn, Tag(dataset), new("pipeline.rows.kind", "in"));
        rows.Add(counts.RowsWritten, Tag(dataset), new("pipeline.rows.kind", "written"));
        rows.Add(counts.RowsQuarantined, Tag(dataset), new("pipeline.rows.kind", "quarantined"));
    }

    /// <summary>A run's expectation results.</summary>
    public void Expectations(string dataset, IEnumerable<Core.Expectations.ExpectationResult> results)
    {
        foreach (var r in results)
        {
            expectations.Add(r.Passed, Tag(dataset), new("pipeline.expectation", r.Name), new("pipeline.outcome", "passed"));
            expectations.Add(r.Failed, Tag(dataset), new("pipeline.expectation", r.Name), new("pipeline.outcome", "failed"));
        }
    }

    /// <summary>A retry was scheduled.</summary>
    public void Retried(string dataset, Stage stage) => retries.Add(1, Tag(dataset), new("pipeline.stage", stage.ToString()));

    /// <summary>A query ended.</summary>
    public void QueryEnded(TimeSpan duration, string state) =>
        queryDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("pipeline.query.state", state));

    static KeyValuePair<string, object?> Tag(string dataset) => new("pipeline.dataset", dataset);

    /// <inheritdoc />
    public void Dispose() => meter.Dispose();
}
