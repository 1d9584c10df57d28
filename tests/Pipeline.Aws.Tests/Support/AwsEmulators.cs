using System.Diagnostics;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Pipeline.Aws.Configuration;
using Pipeline.Aws.DynamoDb;
using Pipeline.Aws.S3;

namespace Pipeline.Aws.Tests.Support;

/// <summary>
/// fauxqs (S3 and SQS) and DynamoDB Local, installed by <c>./test.sh</c> under tests/emulators and started
/// once for the test collection, on 127.0.0.1 and free ports; stopped at the end. A missing install or an
/// emulator that does not start fails the tests with the reason.
/// </summary>
public sealed class AwsEmulators : IAsyncLifetime
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>fauxqs: the S3 and SQS endpoint.</summary>
    public EmulatorProcess Fauxqs { get; private set; } = null!;

    /// <summary>DynamoDB Local.</summary>
    public EmulatorProcess DynamoDb { get; private set; } = null!;

    /// <summary>Endpoint overrides as the services read them (<c>AWS_ENDPOINT_URL_*</c>), plus region and dummy credentials.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["AWS_ENDPOINT_URL_S3"] = Fauxqs.Url.ToString(),
        ["AWS_ENDPOINT_URL_SQS"] = Fauxqs.Url.ToString(),
        ["AWS_ENDPOINT_URL_DYNAMODB"] = DynamoDb.Url.ToString(),
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
    };

    /// <summary>Settings pointing every adapter at the emulators.</summary>
    public AwsSettings Settings => new(RegionEndpoint.USEast1,
        new Dictionary<string, string?> { ["S3"] = Fauxqs.Url.ToString(), ["SQS"] = Fauxqs.Url.ToString(), ["DYNAMODB"] = DynamoDb.Url.ToString() },
        new BasicAWSCredentials("test", "test"));

    /// <summary>An S3 client for the emulator (path style).</summary>
    public IAmazonS3 CreateS3() => S3ClientFactory.Create(Settings, new S3LakeOptions { Bucket = "unused" });

    /// <summary>An SQS client for the emulator, as a test's own tool (the feed builds its clients with <see cref="Pipeline.Aws.Sqs.SqsClients"/>).</summary>
    public IAmazonSQS CreateSqs() => new AmazonSQSClient(new BasicAWSCredentials("test", "test"),
        new AmazonSQSConfig { ServiceURL = Fauxqs.Url.ToString(), AuthenticationRegion = RegionEndpoint.USEast1.SystemName });

    /// <summary>A DynamoDB client for the emulator.</summary>
    public IAmazonDynamoDB CreateDynamoDb() => DynamoDbClientFactory.Create(Settings);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var modules = Path.Combine(RepoPaths.Emulators, "node_modules");
        if (!Directory.Exists(modules))
        {
            throw new InvalidOperationException($"The emulators are not installed ({modules} is missing): run ./test.sh, or 'npm ci' in tests/emulators.");
        }

        var fauxqs = EmulatorProcess.StartAsync("fauxqs", new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(RepoPaths.Emulators, "fauxqs-server.mjs"), "0" },
            WorkingDirectory = RepoPaths.Emulators,
        }, StartTimeout);
        var jar = Path.Combine(modules, "amplify-dynamodb-simulator", "emulator");
        var dynamo = EmulatorProcess.StartAsync("DynamoDB Local", new ProcessStartInfo("java")
        {
            ArgumentList =
            {
                "-Xmx512m", $"-Djava.library.path={Path.Combine(jar, "DynamoDBLocal_lib")}",
                "-cp", $"{Path.Combine(jar, "DynamoDBLocal.jar")}:{Path.Combine(jar, "DynamoDBLocal_lib", "*")}",
                Path.Combine(RepoPaths.Emulators, "DynamoDbLocalLoopback.java"),
                "-inMemory", "-sharedDb", "-disableTelemetry", "-port", "0",
            },
            WorkingDirectory = jar,
        }, StartTimeout);
        try
        {
            await Task.WhenAll(fauxqs, dynamo);
        }
        catch
        {
            // Stop whichever did start: no process is left behind.
            foreach (var started in new[] { fauxqs, dynamo }.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        Fauxqs = fauxqs.Result;
        DynamoDb = dynamo.Result;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Fauxqs is not null)
        {
            await Fauxqs.DisposeAsync();
        }

        if (DynamoDb is not null)
        {
            await DynamoDb.DisposeAsync();
        }
    }
}
