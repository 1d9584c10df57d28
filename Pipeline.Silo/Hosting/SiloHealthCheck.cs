using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pipeline.Silo.Hosting;

/// <summary>Ready once this silo is an active member of the cluster; Orleans itself has no ASP.NET health check.</summary>
public sealed class SiloHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(oracle.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The silo is {oracle.CurrentStatus}."));
}
