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
            var datasets = await GetAsync(new Uri(api.Spec.Url, "/api/datasets"), cancellationToken).ConfigureAwait(false);
            var rows = new List<DatasetRow>();
            foreach (var dataset in datasets.AsArray().OfType<JsonObject>())
            {
                var id = dataset["id"]!.GetValue<string>();
                var runs = await GetAsync(new Uri(api.Spec.Url, $"/api/datasets/{Uri.EscapeDataString(id)}/runs"), cancellationToken)
                    .ConfigureAwait(false);
                rows.Add(new DatasetRow(id, dataset["definition"]?["format"]?.ToString(),
                    Long(dataset["arrivalsTotal"]) ?? 0, Long(dataset["arrivalsPending"]) ?? 0, dataset["table"]?.ToString(),
                    runs.AsArray().OfType<JsonObject>().Select(r => Run(id, r))
                        .OrderByDescending(r => r.CreatedAt).Take(RunsPerDataset).ToList()));
            }

            return new PipelineSnapshot(rows, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return new PipelineSnapshot([], $"The Api at {api.Spec.Url} did not answer: {ex.Message}");
        }
    }

    RunRow Run(string dataset, JsonObject run)
    {
        var runId = run["runId"]!.GetValue<string>();
        var counts = run["counts"];
        var traces = telemetry.Spans.Query(new TraceQuery(Dataset: dataset, RunId: runId, Limit: 1));
        var trace = traces.Count > 0 ? traces[0] : null;
        return new RunRow(runId, run["state"]?.ToString() ?? "", (int)(Long(run["files"]) ?? 0),
            Time(run["createdAt"]) ?? DateTimeOffset.MinValue, Time(run["endedAt"]),
            Long(counts?["rowsIn"]), Long(counts?["rowsWritten"]), Long(counts?["rowsQuarantined"]),
            (run["attempts"] as JsonArray ?? []).OfType<JsonObject>().Select(a => new StageAttemptRow(
                a["stage"]?.ToString() ?? "", (int)(Long(a["attempt"]) ?? 0), Time(a["startedAt"]) ?? DateTimeOffset.MinValue,
                Time(a["endedAt"]), a["error"]?.ToString())).ToList(),
            trace?.TraceId);
    }

    async Task<JsonNode> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var text = await http.GetStringAsync(url, timeout.Token).ConfigureAwait(false);
        return JsonNode.Parse(text) ?? new JsonArray();
    }

    static long? Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;

    static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<DateTimeOffset>(out var t) ? t : null;
}
