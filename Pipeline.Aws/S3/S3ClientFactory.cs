using Amazon.S3;
using Pipeline.Aws.Configuration;

namespace Pipeline.Aws.S3;

/// <summary>Builds the S3 client from the AWS settings: region, endpoint override, path style for emulators.</summary>
public static class S3ClientFactory
{
    /// <summary>A client for the lake's bucket.</summary>
    public static IAmazonS3 Create(AwsSettings settings, S3LakeOptions options)
    {
        var endpoint = settings.EndpointFor("S3");
        var config = new AmazonS3Config
        {
            RegionEndpoint = settings.Region,
            ForcePathStyle = options.ForcePathStyle ?? endpoint is not null,
        };
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = settings.Region.SystemName;
        }

        return settings.Credentials is { } credentials ? new AmazonS3Client(credentials, config) : new AmazonS3Client(config);
    }
}
