using Microsoft.Extensions.Logging;
using Pipeline.AppHost.Supervision;

namespace Pipeline.AppHost.Dashboard;

/// <summary>Routes the dashboard's own warnings and errors to the AppHost's console as <c>apphost | dashboard: ...</c>.</summary>
internal sealed class DashboardLoggerProvider(ConsoleOutput output) : ILoggerProvider
{
    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(output);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    sealed class Logger(ConsoleOutput output) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                output.Info($"dashboard: {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}");
            }
        }
    }
}
