using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Benchmarks;

/// <summary>The few API calls the benchmarks make.</summary>
public sealed class ApiClient(Uri apiUrl) : IDisposable
{
    readonly HttpClient http = new() { BaseAddress = apiUrl, Timeout = TimeSpan.FromMinutes(30) };

    /// <summary>Registers a dataset.</summary>
    public async Task RegisterAsync(string id, object definition)
    {
        using var response = await http.PutAsJsonAsync($"/api/datasets/{id}", definition);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Uploads a file.</summary>
    public async Task UploadAsync(string id, string name, byte[] content)
    {
        using var body = new ByteArrayContent(content);
        using var response = await http.PostAsync($"/api/datasets/{id}/files?name={Uri.EscapeDataString(name)}", body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The dataset's status.</summary>
    public async Task<JsonNode> StatusAsync(string id) => JsonNode.Parse(await http.GetStringAsync($"/api/datasets/{id}"))!;

    /// <summary>Polls every <paramref name="interval"/> until <paramref name="arrivals"/> files are recorded and processed.</summary>
    public async Task<JsonNode> WaitProcessedAsync(string id, long arrivals, TimeSpan interval, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var status = await StatusAsync(id);
            var state = status["lastRun"]?["state"]?.GetValue<string>();
            if (status["arrivalsTotal"]!.GetValue<long>() >= arrivals && status["arrivalsPending"]!.GetValue<long>() == 0 && state is "Succeeded" or "Failed")
            {
                if (state == "Failed")
                {
                    throw new InvalidOperationException("The run failed: " + status.ToJsonString());
                }

                return status;
            }

            await Task.Delay(interval);
        }

        throw new TimeoutException($"Dataset {id} was not processed in time.");
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();
}
