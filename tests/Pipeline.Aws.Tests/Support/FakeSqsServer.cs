using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pipeline.Aws.Configuration;

namespace Pipeline.Aws.Tests.Support;

/// <summary>
/// Not an emulator: a stand-in for SQS's JSON protocol on 127.0.0.1 (a port the OS picks) that answers each
/// operation as the test scripts it, in order, and counts the requests. Unscripted requests succeed: a receive
/// waits its WaitTimeSeconds and returns nothing, a batch reports every entry done, anything else answers {}.
/// </summary>
public sealed class FakeSqsServer : IAsyncDisposable
{
    readonly WebApplication app;
    readonly CancellationTokenSource stopping = new();
    readonly ConcurrentDictionary<string, ConcurrentQueue<FakeSqsAnswer>> scripts = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, int> requests = new(StringComparer.Ordinal);

    FakeSqsServer()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(HandleAsync);
    }

    /// <summary>The endpoint, as <c>AWS_ENDPOINT_URL_SQS</c> would name it.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Settings pointing the SQS clients here, with dummy credentials.</summary>
    public AwsSettings Settings => new(RegionEndpoint.USEast1, new Dictionary<string, string?> { ["SQS"] = Url.ToString() },
        new BasicAWSCredentials("test", "test"));

    /// <summary>Starts listening.</summary>
    public static async Task<FakeSqsServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new FakeSqsServer();
        await server.app.StartAsync(cancellationToken);
        server.Url = new Uri(server.app.Urls.Single());
        return server;
    }

    /// <summary>The next answers to <paramref name="operation"/> (e.g. <c>ReceiveMessage</c>), after which it succeeds again.</summary>
    public void Script(string operation, params FakeSqsAnswer[] answers)
    {
        var queue = scripts.GetOrAdd(operation, _ => new ConcurrentQueue<FakeSqsAnswer>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>How many requests of <paramref name="operation"/> arrived.</summary>
    public int Requests(string operation) => requests.GetValueOrDefault(operation);

    async Task HandleAsync(HttpContext context)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: cancel.Token);
        requests.AddOrUpdate(operation, 1, (_, n) => n + 1);
        var answer = scripts.TryGetValue(operation, out var queue) && queue.TryDequeue(out var next) ? next : null;
        try
        {
            answer ??= await SuccessAsync(operation, request, cancel.Token);
            if (answer.Hangs)
            {
                await Task.Delay(Timeout.Infinite, cancel.Token);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/x-amz-json-1.0";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(answer.Body, CancellationToken.None);
    }

    static async Task<FakeSqsAnswer> SuccessAsync(string operation, JsonNode? request, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case "ReceiveMessage":
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(20, (int?)request?["WaitTimeSeconds"] ?? 0)), cancellationToken);
                return new FakeSqsAnswer(200, """{"Messages":[]}""");
            case "DeleteMessageBatch" or "ChangeMessageVisibilityBatch":
                var ids = request?["Entries"]?.AsArray().Select(e => new { Id = (string?)e?["Id"] }) ?? [];
                return new FakeSqsAnswer(200, JsonSerializer.Serialize(new { Successful = ids, Failed = Array.Empty<object>() }));
            case "GetQueueAttributes":
                return new FakeSqsAnswer(200, """{"Attributes":{}}""");
            default:
                return new FakeSqsAnswer(200, "{}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        stopping.Dispose();
    }
}
