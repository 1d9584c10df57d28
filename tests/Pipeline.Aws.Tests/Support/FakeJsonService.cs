using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipeline.Aws.Tests.Support;

/// <summary>
/// A fake AWS JSON-protocol service on 127.0.0.1 (a real HTTP server on a free port): it records each request
/// (operation from <c>X-Amz-Target</c>, headers, body) and answers with what the test's handler gives.
/// </summary>
public sealed class FakeJsonService : IAsyncDisposable
{
    readonly WebApplication app;

    FakeJsonService(WebApplication app) => this.app = app;

    /// <summary>What the service received, in order.</summary>
    public ConcurrentQueue<(string Operation, Dictionary<string, string> Headers, JsonElement Body)> Requests { get; } = new();

    public Uri Url => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Starts the service; <paramref name="answer"/> gives the status and JSON body for an operation and its request.</summary>
    public static async Task<FakeJsonService> StartAsync(Func<string, JsonElement, (int Status, string Json)> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeJsonService(app);
        app.MapPost("/", async (HttpContext context) =>
        {
            var target = context.Request.Headers["X-Amz-Target"].ToString();
            var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            // Copied: the server reuses a request's header collection once it is answered.
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            fake.Requests.Enqueue((operation, headers, body.RootElement.Clone()));
            var (status, json) = answer(operation, body.RootElement);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.WriteAsync(json);
        });
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
