using Amazon;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;

namespace Pipeline.Aws.Configuration;

/// <summary>
/// Where and as whom the AWS adapters connect, from the standard places: the region from
/// <c>AWS_REGION</c> / <c>AWS_DEFAULT_REGION</c> or the SDK's fallback chain (profile, instance metadata),
/// credentials from the SDK's default chain, and the endpoint overrides <c>AWS_ENDPOINT_URL</c> and
/// <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> (ignored when <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c>).
/// </summary>
public sealed class AwsSettings
{
    readonly IReadOnlyDictionary<string, string?> endpoints;

    /// <summary>Settings with an explicit region, endpoints by service id (S3, SQS, DYNAMODB, GLUE, EMR, ATHENA) and optional credentials.</summary>
    public AwsSettings(RegionEndpoint region, IReadOnlyDictionary<string, string?> endpoints, AWSCredentials? credentials = null)
    {
        Region = region;
        this.endpoints = endpoints;
        Credentials = credentials;
    }

    /// <summary>The region requests are signed for.</summary>
    public RegionEndpoint Region { get; }

    /// <summary>Explicit credentials, or null to use the SDK's default chain.</summary>
    public AWSCredentials? Credentials { get; }

    /// <summary>The endpoint override of a service (<c>S3</c>, <c>SQS</c>, <c>DYNAMODB</c>), or null for AWS's own.</summary>
    public string? EndpointFor(string serviceId) => endpoints.GetValueOrDefault(serviceId) ?? endpoints.GetValueOrDefault("");

    /// <summary>Reads the settings from configuration (environment variables keep their names there).</summary>
    public static AwsSettings From(IConfiguration configuration)
    {
        var regionName = configuration["AWS_REGION"] ?? configuration["AWS_DEFAULT_REGION"];
        var region = string.IsNullOrWhiteSpace(regionName) ? FallbackRegionFactory.GetRegionEndpoint() : RegionEndpoint.GetBySystemName(regionName);
        if (region is null)
        {
            throw new InvalidOperationException("No AWS region: set AWS_REGION (or configure one in the AWS profile).");
        }

        var endpoints = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!string.Equals(configuration["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"], "true", StringComparison.OrdinalIgnoreCase))
        {
            endpoints[""] = NonEmpty(configuration["AWS_ENDPOINT_URL"]);
            foreach (var service in new[] { "S3", "SQS", "DYNAMODB", "GLUE", "EMR", "ATHENA" })
            {
                endpoints[service] = NonEmpty(configuration["AWS_ENDPOINT_URL_" + service]);
            }
        }

        return new AwsSettings(region, endpoints);
    }

    static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
