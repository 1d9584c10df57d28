using System.Diagnostics;
using System.Text.Json.Nodes;
using Pipeline.AppHost.Dashboard.Storage;
using Pipeline.AppHost.Resources;

namespace Pipeline.AppHost.Dashboard.Runs;

/// <summary>
/// Reads datasets and runs from the Api's REST routes (<c>GET /api/datasets</c>,
/// <c>/api/datasets/{id}/runs</c>) and finds each run's trace by its <c>pipeline.dataset</c> and
/// <c>pipeline.run_id</c> span attributes.
/// </summary>
public sealed class RunSource(HttpClient http, ResourceRegistry resources, TelemetryStore telemetry)
{
    /// <summary>Runs shown per dataset (the newest).</summary>
    public const int RunsPerDataset = 20;

    /// <summary>The datasets and their runs, or the reason they are not available.</summary>
    public async Task<PipelineSnapshot> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (resources.Find("api") is not { } api)
        {
            return new PipelineSnapshot([], "The Api is not part of this AppHost run.");
        }

        try
        {
            // The newest trace of each (dataset, run): every held trace summarised once, not once per run.
            var traceOf = new Dictionary<(string, string), string>();
            foreach (var trace in telemetry.Spans.Query(new TraceQuery(Limit: int.MaxValue)))
            {
                foreach (var key in trace.Datasets.SelectMany(d => trace.RunIds.Select(r => (d, r))))
                {
                    traceOf.TryAdd(key, trace.TraceId);
                }
            }

            var datasets = await GetAsync(new Uri(api.Spec.Url, "/api/datasets"), cancellationToken).ConfigureAwait(false);
            var rows = new List<DatasetRow>();
            foreach (var dataset in datasets.AsArray().OfType<JsonObject>())
            {
                var id = dataset["id"]!.GetValue<string>();
                var runs = await GetAsync(new Uri(api.Spec.Url, $"/api/datasets/{Uri.EscapeDataString(id)}/runs"), cancellationToken)
                    .ConfigureAwait(false);
                rows.Add(new DatasetRow(id, dataset["definition"]?["format"]?.ToString(),
                    Long(dataset["arrivalsTotal"]) ?? 0, Long(dataset["arrivalsPending"]) ?? 0, dataset["table"]?.ToString(),
                    runs.AsArray().OfType<JsonObject>().Select(r => Run(id, r, traceOf))
                        .OrderByDescending(r => r.CreatedAt).Take(RunsPerDataset).ToList()));
            }

            return new PipelineSnapshot(rows, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return new PipelineSnapshot([], $"The Api at {api.Spec.Url} did not answer: {ex.Message}");
        }
    }

    static RunRow Run(string dataset, JsonObject run, Dictionary<(string, string), string> traceOf)
    {
        var runId = run["runId"]!.GetValue<string>();
        var counts = run["counts"];
        return new RunRow(runId, run["state"]?.ToString() ?? "", (int)(Long(run["files"]) ?? 0),
            Time(run["createdAt"]) ?? DateTimeOffset.MinValue, Time(run["endedAt"]),
            Long(counts?["rowsIn"]), Long(counts?["rowsWritten"]), Long(counts?["rowsQuarantined"]),
            (run["attempts"] as JsonArray ?? []).OfType<JsonObject>().Select(a => new StageAttemptRow(
                a["stage"]?.ToString() ?? "", (int)(Long(a["attempt"]) ?? 0), Time(a["startedAt"]) ?? DateTimeOffset.MinValue,
                Time(a["endedAt"]), a["error"]?.ToString())).ToList(),
            traceOf.GetValueOrDefault((dataset, runId)));
    }

    async Task<JsonNode> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        // An unsampled trace context: the Api and the silo then record no spans for the page's polling, which
        // would otherwise fill the span store and push the runs' own traces out.
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00");
        using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false)) ?? new JsonArray();
    }

    static long? Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;

    static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<DateTimeOffset>(out var t) ? t : null;
}
