using System.Collections.Concurrent;
using System.Diagnostics;
using Pipeline.Core.Runs;

namespace Pipeline.Silo.Telemetry;

/// <summary>
/// One trace per run: the run's root span starts when the run claims its arrivals, as a child of the
/// first arrival's upload (so one trace holds the upload, the grain call and every stage) and linked
/// to every arrival it consumed; stage attempts are its children; it ends with the run.
/// </summary>
public sealed class RunSpans
{
    /// <summary>The grains' ActivitySource.</summary>
    public const string ActivitySourceName = "Pipeline.Silo.Grains";

    static readonly ActivitySource Source = new(ActivitySourceName);
    readonly ConcurrentDictionary<string, Activity> open = new(StringComparer.Ordinal);

    /// <summary>Starts a run's span; returns its W3C trace context for the stage spans.</summary>
    public string? Start(string dataset, string runId, IReadOnlyList<string?> arrivalTraceParents)
    {
        var previous = Activity.Current;
        var contexts = arrivalTraceParents
            .Select(p => ActivityContext.TryParse(p, null, out var c) ? c : default)
            .Where(c => c != default).Distinct().ToList();
        var parent = contexts.Count > 0 ? contexts[0] : previous?.Context ?? default;
        var activity = Source.StartActivity($"run {dataset}", ActivityKind.Internal, parent,
            [new("pipeline.dataset", dataset), new("pipeline.run_id", runId), new("pipeline.files", arrivalTraceParents.Count)],
            contexts.Select(c => new ActivityLink(c)));
        Activity.Current = previous;
        if (activity is null)
        {
            return null;
        }

        open[Key(dataset, runId)] = activity;
        return activity.Id;
    }

    /// <summary>Ends a run's span with its outcome (no-op when the span was lost with a restart).</summary>
    public void End(string dataset, string runId, RunState state, RunCounts? counts, string? error,
        IReadOnlyList<Core.Expectations.ExpectationResult>? expectations = null)
    {
        if (!open.TryRemove(Key(dataset, runId), out var activity))
        {
            return;
        }

        activity.SetTag("pipeline.run.state", state.ToString());
        if (counts is not null)
        {
            activity.SetTag("pipeline.rows_in", counts.RowsIn).SetTag("pipeline.rows_out", counts.RowsWritten)
                .SetTag("pipeline.rows_quarantined", counts.RowsQuarantined);
        }

        // An event per expectation, so a trace shows which check failed and on what.
        foreach (var e in expectations ?? [])
        {
            activity.AddEvent(new ActivityEvent("expectation", tags: new ActivityTagsCollection
            {
                ["pipeline.expectation.name"] = e.Name, ["pipeline.expectation.action"] = e.Action, ["pipeline.expectation.checked"] = e.Checked,
                ["pipeline.expectation.passed"] = e.Passed, ["pipeline.expectation.failed"] = e.Failed, ["pipeline.expectation.example"] = e.Example,
            }));
        }

        if (expectations is { Count: > 0 })
        {
            activity.SetTag("pipeline.expectations.failed", expectations.Count(e => e.Failed > 0));
        }

        activity.SetStatus(state == RunState.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, error);
        activity.Stop();
    }

    static string Key(string dataset, string runId) => dataset + "/" + runId;
}
