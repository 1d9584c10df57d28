using Amazon.DynamoDBv2;
using Pipeline.Aws.Configuration;

namespace Pipeline.Aws.DynamoDb;

/// <summary>Builds the DynamoDB client from the AWS settings (region, endpoint override, credentials).</summary>
public static class DynamoDbClientFactory
{
    /// <summary>A client for the state tables.</summary>
    public static IAmazonDynamoDB Create(AwsSettings settings)
    {
        var config = new AmazonDynamoDBConfig { RegionEndpoint = settings.Region };
        if (settings.EndpointFor("DYNAMODB") is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = settings.Region.SystemName;
        }

        return settings.Credentials is { } credentials ? new AmazonDynamoDBClient(credentials, config) : new AmazonDynamoDBClient(config);
    }
}
