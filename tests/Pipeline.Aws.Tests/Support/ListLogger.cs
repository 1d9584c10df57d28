using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pipeline.Aws.Tests.Support;

/// <summary>A logger that keeps every message, to assert what was reported.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    /// <summary>The messages logged, with their level and event name.</summary>
    public ConcurrentQueue<(LogLevel Level, string? Event, string Message)> Entries { get; } = new();

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId.Name, formatter(state, exception)));
}
