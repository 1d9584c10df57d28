using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Aws.Tests.Support;

/// <summary>The REST API as a script would use it: register, upload, wait for runs, query.</summary>
public sealed class PipelineClient(Uri apiUrl) : IDisposable
{
    readonly HttpClient http = new() { BaseAddress = apiUrl, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>The underlying client, for raw requests.</summary>
    public HttpClient Http => http;

    /// <summary>PUT /api/datasets/{id}; returns the status code.</summary>
    public async Task<HttpStatusCode> RegisterAsync(string id, object definition)
    {
        using var response = await http.PutAsJsonAsync($"/api/datasets/{id}", definition);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response.StatusCode;
    }

    /// <summary>POST /api/datasets/{id}/files?name=; returns the JSON answer.</summary>
    public async Task<JsonObject> UploadAsync(string id, string name, byte[] content)
    {
        using var body = new ByteArrayContent(content);
        using var response = await http.PostAsync($"/api/datasets/{id}/files?name={Uri.EscapeDataString(name)}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>GET a JSON document.</summary>
    public async Task<JsonNode> GetAsync(string path) => JsonNode.Parse(await http.GetStringAsync(path))!;

    /// <summary>Waits until the dataset has no pending file and no run in progress, then returns its status.</summary>
    public async Task<JsonNode> WaitIdleAsync(string id, int expectedArrivals, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        JsonNode? status = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                status = await GetAsync($"/api/datasets/{id}");
                var last = status["lastRun"];
                var lastState = last?["state"]?.GetValue<string>();
                if (status["arrivalsTotal"]!.GetValue<long>() >= expectedArrivals && status["arrivalsPending"]!.GetValue<long>() == 0
                    && lastState is "Succeeded" or "Failed")
                {
                    return status;
                }
            }
            catch (HttpRequestException)
            {
                // The silo may be restarting; keep polling.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Dataset {id} did not become idle: {status?.ToJsonString()}");
    }

    /// <summary>Runs a query to completion and returns its rows (all pages).</summary>
    public async Task<List<JsonArray>> QueryAsync(string sql)
    {
        var execution = await StartQueryAsync(sql);
        Assert.True(execution["state"]!.GetValue<string>() == "Succeeded", execution.ToJsonString());
        var rows = new List<JsonArray>();
        string? token = null;
        do
        {
            var page = await GetAsync($"/api/queries/{execution["queryId"]}/results?pageSize=1000&pageToken={Uri.EscapeDataString(token ?? "")}");
            rows.AddRange(page["rows"]!.AsArray().Select(r => r!.AsArray()));
            token = page["nextPageToken"]?.GetValue<string>();
        }
        while (token is not null);
        return rows;
    }

    /// <summary>Starts a query and waits for it to end; returns the execution.</summary>
    public async Task<JsonNode> StartQueryAsync(string sql)
    {
        using var response = await http.PostAsJsonAsync("/api/queries", new { sql });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["queryId"]!.GetValue<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var execution = await GetAsync($"/api/queries/{id}");
            if (execution["state"]!.GetValue<string>() is not ("Queued" or "Running") || DateTime.UtcNow > deadline)
            {
                return execution;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>One scalar cell as a number.</summary>
    public static decimal Number(JsonNode? cell) => cell!.GetValueKind() == JsonValueKind.String
        ? decimal.Parse(cell.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
        : cell.GetValue<decimal>();

    /// <inheritdoc />
    public void Dispose() => http.Dispose();
}
