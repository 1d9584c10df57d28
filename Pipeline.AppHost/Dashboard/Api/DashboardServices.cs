using Pipeline.AppHost.Dashboard.Runs;
using Pipeline.AppHost.Dashboard.Storage;
using Pipeline.AppHost.Resources;

namespace Pipeline.AppHost.Dashboard.Api;

/// <summary>What the dashboard's handlers read from, bundled for <c>[AsParameters]</c>.</summary>
public sealed record DashboardServices(
    TelemetryStore Telemetry, ConsoleLogStore Console, ResourceRegistry Resources, RunSource Runs, TimeProvider Time);
