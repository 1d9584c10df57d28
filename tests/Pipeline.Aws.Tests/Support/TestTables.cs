using Amazon.DynamoDBv2;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Pipeline.Aws.DynamoDb;

namespace Pipeline.Aws.Tests.Support;

/// <summary>DynamoDB tables with a unique prefix on the emulator, created on first use as in development.</summary>
public sealed class TestTables : IDisposable
{
    /// <summary>Tables for one test.</summary>
    public TestTables(AwsEmulators emulators)
    {
        Client = emulators.CreateDynamoDb();
        Options = new DynamoDbOptions { TablePrefix = "t" + Guid.NewGuid().ToString("N")[..10] + "-", CreateTables = true };
        Tables = new DynamoDbTables(Client, Options, TimeProvider.System);
    }

    /// <summary>The client.</summary>
    public IAmazonDynamoDB Client { get; }

    /// <summary>The options (table names).</summary>
    public DynamoDbOptions Options { get; }

    /// <summary>The tables.</summary>
    public DynamoDbTables Tables { get; }

    /// <summary>A grain state store over the tables.</summary>
    public DynamoDbGrainStateStore Grains() => new(Client, Tables);

    /// <summary>An arrival log over the tables.</summary>
    public DynamoDbArrivalLog Arrivals() => new(Client, Tables);

    /// <summary>A reminder table over the tables, for one cluster service.</summary>
    public DynamoDbReminderTable Reminders(string serviceId) => new(Client, Tables,
        Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ServiceId = serviceId }), NullLogger<DynamoDbReminderTable>.Instance);

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
