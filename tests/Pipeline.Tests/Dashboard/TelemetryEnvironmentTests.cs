using Pipeline.AppHost.Resources;

namespace Pipeline.Tests.Dashboard;

public sealed class TelemetryEnvironmentTests
{
    [Fact]
    public void For_NoUserEndpoint_PointsTheServicesAtTheDashboardOverHttpProtobuf()
    {
        var env = TelemetryEnvironment.For(null, "http://127.0.0.1:18888", "k-1");

        Assert.Equal("http://127.0.0.1:18888", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", env["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("x-otlp-api-key=k-1", env["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.Equal("1000", env["OTEL_BSP_SCHEDULE_DELAY"]);
    }

    [Fact]
    public void For_UserEndpoint_PassesOnlyTheirsThrough()
    {
        var env = TelemetryEnvironment.For("http://collector:4318", "http://127.0.0.1:18888", "k-1");

        Assert.Equal(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318" }, env);
    }

    [Fact]
    public void ResourceCatalog_GivesEveryServiceTheTelemetryVariables()
    {
        var options = new Pipeline.AppHost.AppHostOptions { DataDir = "/tmp/x" };
        var telemetry = TelemetryEnvironment.For(null, "http://127.0.0.1:4999", null);

        var specs = ResourceCatalog.Create(options, telemetry);

        Assert.All(specs, s => Assert.Equal("http://127.0.0.1:4999", s.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"]));
        Assert.All(specs, s => Assert.False(s.Environment.ContainsKey("OTEL_EXPORTER_OTLP_HEADERS")));
    }
}
