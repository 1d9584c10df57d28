using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace Pipeline.Tests.AppHost.Browser;

/// <summary>A Chrome DevTools Protocol connection to one page target: commands by id, events by name.</summary>
public sealed class CdpConnection : IAsyncDisposable
{
    readonly ClientWebSocket socket = new();
    readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> pending = new();
    readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> awaited = new();
    readonly CancellationTokenSource closing = new();
    Task receiving = Task.CompletedTask;
    int nextId;

    /// <summary>Connects to <paramref name="webSocketUrl"/> and starts reading.</summary>
    public static async Task<CdpConnection> ConnectAsync(Uri webSocketUrl, CancellationToken cancellationToken = default)
    {
        var connection = new CdpConnection();
        connection.socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await connection.socket.ConnectAsync(webSocketUrl, cancellationToken);
        connection.receiving = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);
        return connection;
    }

    /// <summary>Sends a command and returns its <c>result</c>; a protocol error throws.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        var json = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return await reply.Task.WaitAsync(timeout.Token);
    }

    /// <summary>A task completing with the params of the next event named <paramref name="method"/>; ask before causing it.</summary>
    public Task<JsonElement> NextEvent(string method)
    {
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        awaited[method] = tcs;
        return tcs.Task;
    }

    async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closing.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    Dispatch(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
                    message.SetLength(0);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The browser went away or we are closing.
        }

        foreach (var reply in pending.Values)
        {
            reply.TrySetException(new InvalidOperationException("The DevTools connection closed."));
        }
    }

    void Dispatch(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id) && pending.TryRemove(id.GetInt32(), out var reply))
        {
            if (message.TryGetProperty("error", out var error))
            {
                reply.TrySetException(new InvalidOperationException("DevTools error: " + error.GetRawText()));
            }
            else
            {
                reply.TrySetResult(message.GetProperty("result"));
            }
        }
        else if (message.TryGetProperty("method", out var method) && awaited.TryRemove(method.GetString()!, out var waiter))
        {
            waiter.TrySetResult(message.TryGetProperty("params", out var p) ? p : default);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        socket.Abort();
        await receiving;
        socket.Dispose();
        closing.Dispose();
    }
}
