using Amazon;
using Microsoft.Extensions.Configuration;
using Pipeline.Aws.Configuration;

namespace Pipeline.Aws.Tests.Configuration;

public sealed class AwsSettingsTests
{
    static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void From_StandardVariables_RegionAndPerServiceEndpointsWithTheGeneralOneAsFallback()
    {
        var settings = AwsSettings.From(Config(("AWS_REGION", "eu-central-1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"),
            ("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324"), ("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000")));

        Assert.Equal(RegionEndpoint.EUCentral1, settings.Region);
        Assert.Equal("http://127.0.0.1:9324", settings.EndpointFor("SQS"));
        Assert.Equal("http://127.0.0.1:8000", settings.EndpointFor("DYNAMODB"));
        Assert.Equal("http://127.0.0.1:4566", settings.EndpointFor("S3"));
        Assert.Null(settings.Credentials);
    }

    [Fact]
    public void From_DefaultRegionVariableAndNoEndpoints_UsesAws()
    {
        var settings = AwsSettings.From(Config(("AWS_DEFAULT_REGION", "us-west-2")));

        Assert.Equal(RegionEndpoint.USWest2, settings.Region);
        Assert.Null(settings.EndpointFor("SQS"));
    }

    [Fact]
    public void From_IgnoreConfiguredEndpoints_DropsThem() =>
        Assert.Null(AwsSettings.From(Config(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_SQS", "http://x"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"))).EndpointFor("SQS"));
}
