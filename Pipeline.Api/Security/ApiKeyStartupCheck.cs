using Microsoft.Extensions.Options;

namespace Pipeline.Api.Security;

/// <summary>Refuses to serve when keys are required but none is configured (no open Api by accident).</summary>
public sealed partial class ApiKeyStartupCheck(
    ApiKeyPolicy policy, IOptions<ApiKeyOptions> options, IHostApplicationLifetime lifetime, ILogger<ApiKeyStartupCheck> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            if (policy.Required && options.Value.Keys.Count == 0)
            {
                LogNoKeys(logger);
                lifetime.StopApplication();
                Environment.ExitCode = 3;
            }
            else
            {
                LogMode(logger, policy.Required, options.Value.Keys.Count);
            }
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 501, Level = LogLevel.Critical,
        Message = "API keys are required (the Api listens beyond loopback, runs the AWS profile, or Pipeline:Auth:Mode=Required) but none is configured: set Pipeline__Auth__Keys__0__Name, __Sha256 and __Role. Stopping.")]
    static partial void LogNoKeys(ILogger logger);

    [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "API keys required: {Required} ({Count} configured)")]
    static partial void LogMode(ILogger logger, bool required, int count);
}
