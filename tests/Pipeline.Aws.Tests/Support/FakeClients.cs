using Amazon;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Aws.Configuration;
using Pipeline.Aws.Json;

namespace Pipeline.Aws.Tests.Support;

/// <summary>Our JSON-protocol client pointed at a fake service, with test credentials and the given clock.</summary>
public static class FakeClients
{
    public static AwsJsonClient For(FakeJsonService fake, AwsJsonService service, RegionEndpoint region, TimeProvider time) =>
        For(fake.Url, service, region, time);

    public static AwsJsonClient For(Uri url, AwsJsonService service, RegionEndpoint region, TimeProvider time) => new(new HttpClient(),
        new AwsSettings(region, new Dictionary<string, string?> { [service.ServiceId] = url.ToString() }, new BasicAWSCredentials("AKIDTEST", "secret")),
        service, time, NullLogger.Instance);
}
