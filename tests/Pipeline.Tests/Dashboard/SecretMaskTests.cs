using Pipeline.AppHost.Dashboard.Api;

namespace Pipeline.Tests.Dashboard;

public sealed class SecretMaskTests
{
    [Theory]
    [InlineData("PIPELINE_API_KEY", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("Db__Password", true)]
    [InlineData("AWS_CREDENTIAL_FILE", true)]
    [InlineData("OTEL_EXPORTER_OTLP_HEADERS", true)]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", false)]
    [InlineData("Pipeline__DataDir", false)]
    public void Show_SecretLookingNames_AreMasked(string name, bool masked)
    {
        var shown = SecretMask.Show(name, "value-123");

        Assert.Equal(masked, shown == SecretMask.Masked);
        Assert.Equal(masked ? SecretMask.Masked : "value-123", shown);
    }
}
