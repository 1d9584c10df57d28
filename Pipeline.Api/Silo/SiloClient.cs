using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Pipeline.Core.Datasets;
using Pipeline.Core.Queries;
using Pipeline.Core.Runs;
using Pipeline.Core.Tables;

namespace Pipeline.Api.Silo;

/// <summary>
/// The Api's grain client: every dataset, run, table and query operation is a call to the silo,
/// which owns the logic. Trace context flows with each request.
/// </summary>
public sealed class SiloClient(HttpClient http)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Registers or updates a dataset.</summary>
    public Task<SiloResult<RegisterResult>> RegisterAsync(string id, DatasetDefinition definition, CancellationToken cancellationToken = default) =>
        SendAsync<RegisterResult>(HttpMethod.Put, $"grains/datasets/{id}", definition, cancellationToken);

    /// <summary>All datasets.</summary>
    public Task<SiloResult<List<DatasetInfo>>> ListDatasetsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<List<DatasetInfo>>(HttpMethod.Get, "grains/datasets", null, cancellationToken);

    /// <summary>One dataset.</summary>
    public Task<SiloResult<DatasetInfo>> GetDatasetAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<DatasetInfo>(HttpMethod.Get, $"grains/datasets/{id}", null, cancellationToken);

    /// <summary>Records arrivals.</summary>
    public Task<SiloResult<ArrivalsRecorded>> RecordArrivalsAsync(string id, IReadOnlyList<ArrivalNotice> arrivals, CancellationToken cancellationToken = default) =>
        SendAsync<ArrivalsRecorded>(HttpMethod.Post, $"grains/datasets/{id}/arrivals", arrivals, cancellationToken);

    /// <summary>Starts a run now.</summary>
    public Task<SiloResult<RunStarted>> TriggerRunAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<RunStarted>(HttpMethod.Post, $"grains/datasets/{id}/runs", null, cancellationToken);

    /// <summary>Runs of a dataset.</summary>
    public Task<SiloResult<List<RunInfo>>> ListRunsAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<List<RunInfo>>(HttpMethod.Get, $"grains/datasets/{id}/runs", null, cancellationToken);

    /// <summary>One run.</summary>
    public Task<SiloResult<RunInfo>> GetRunAsync(string id, string runId, CancellationToken cancellationToken = default) =>
        SendAsync<RunInfo>(HttpMethod.Get, $"grains/datasets/{id}/runs/{Uri.EscapeDataString(runId)}", null, cancellationToken);

    /// <summary>Retries a failed run.</summary>
    public Task<SiloResult<RunStarted>> RetryRunAsync(string id, string runId, CancellationToken cancellationToken = default) =>
        SendAsync<RunStarted>(HttpMethod.Post, $"grains/datasets/{id}/runs/{Uri.EscapeDataString(runId)}/retry", null, cancellationToken);

    /// <summary>Runs a succeeded run again over its files with the current definition, replacing its output.</summary>
    public Task<SiloResult<RunStarted>> ReprocessRunAsync(string id, string runId, CancellationToken cancellationToken = default) =>
        SendAsync<RunStarted>(HttpMethod.Post, $"grains/datasets/{id}/runs/{Uri.EscapeDataString(runId)}/reprocess", null, cancellationToken);

    /// <summary>All tables.</summary>
    public Task<SiloResult<List<TableSummary>>> ListTablesAsync(CancellationToken cancellationToken = default) =>
        SendAsync<List<TableSummary>>(HttpMethod.Get, "catalog/tables", null, cancellationToken);

    /// <summary>One table.</summary>
    public Task<SiloResult<TableInfo>> GetTableAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync<TableInfo>(HttpMethod.Get, $"catalog/tables/{Uri.EscapeDataString(name)}", null, cancellationToken);

    /// <summary>Submits a query.</summary>
    public Task<SiloResult<QueryStarted>> SubmitQueryAsync(string sql, CancellationToken cancellationToken = default) =>
        SendAsync<QueryStarted>(HttpMethod.Post, "queries", new QueryRequest(sql), cancellationToken);

    /// <summary>A query execution.</summary>
    public Task<SiloResult<QueryExecution>> GetQueryAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<QueryExecution>(HttpMethod.Get, $"queries/{Uri.EscapeDataString(id)}", null, cancellationToken);

    /// <summary>A page of results.</summary>
    public Task<SiloResult<ResultPage>> GetResultsAsync(string id, int? pageSize, string? pageToken, CancellationToken cancellationToken = default) =>
        SendAsync<ResultPage>(HttpMethod.Get, $"queries/{Uri.EscapeDataString(id)}/results?" + string.Join('&',
            new[] { pageSize is { } size ? $"pageSize={size}" : null, string.IsNullOrEmpty(pageToken) ? null : $"pageToken={Uri.EscapeDataString(pageToken)}" }
                .Where(p => p is not null)), null, cancellationToken);

    /// <summary>Cancels a query.</summary>
    public Task<SiloResult<QueryExecution>> CancelQueryAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<QueryExecution>(HttpMethod.Delete, $"queries/{Uri.EscapeDataString(id)}", null, cancellationToken);

    async Task<SiloResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new SiloResult<T>(await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null, (int)response.StatusCode);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        ProblemDetails problem;
        try
        {
            problem = text.Contains("\"errors\"", StringComparison.Ordinal)
                ? JsonSerializer.Deserialize<HttpValidationProblemDetails>(text, Json)!
                : JsonSerializer.Deserialize<ProblemDetails>(text, Json)!;
        }
        catch (JsonException)
        {
            problem = new ProblemDetails { Title = "The silo answered with an error", Detail = text };
        }

        return new SiloResult<T>(default, problem, (int)response.StatusCode);
    }
}
