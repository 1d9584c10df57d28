using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Pipeline.Aws.DynamoDb;

/// <summary>
/// The two tables and their indexes. <c>&lt;prefix&gt;grains</c>: one item per grain (<c>grain</c>) plus state
/// chunks, with the sparse index <c>wake</c> (<c>wake_shard</c>, <c>wake_at</c>).
/// <c>&lt;prefix&gt;arrivals</c>: items keyed (<c>pk</c> = dataset, <c>sk</c>), see <see cref="DynamoDbArrivalLog"/>.
/// With <see cref="DynamoDbOptions.CreateTables"/> they are created on first use.
/// </summary>
public sealed class DynamoDbTables(IAmazonDynamoDB dynamo, DynamoDbOptions options, TimeProvider time)
{
    /// <summary>Index of grains with a wake-up time.</summary>
    public const string WakeIndex = "wake";

    readonly Lock gate = new();
    Task? creation;

    /// <summary>The options (table names).</summary>
    public DynamoDbOptions Options { get; } = options;

    /// <summary>Completes once the tables can be used (after creating them when configured to; a failed attempt is retried).</summary>
    public Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        if (!Options.CreateTables)
        {
            return Task.CompletedTask;
        }

        lock (gate)
        {
            if (creation is null || creation.IsFaulted || creation.IsCanceled)
            {
                creation = CreateAllAsync(dynamo, Options, time);
            }

            return creation.WaitAsync(cancellationToken);
        }
    }

    static async Task CreateAllAsync(IAmazonDynamoDB dynamo, DynamoDbOptions options, TimeProvider time)
    {
        await CreateAsync(dynamo, time, new CreateTableRequest
        {
            TableName = options.GrainsTable,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [Attr("grain", ScalarAttributeType.S), Attr("wake_shard", ScalarAttributeType.N),
                Attr("wake_at", ScalarAttributeType.N)],
            KeySchema = [new KeySchemaElement("grain", KeyType.HASH)],
            GlobalSecondaryIndexes =
            [
                Index(WakeIndex, new KeySchemaElement("wake_shard", KeyType.HASH), new KeySchemaElement("wake_at", KeyType.RANGE)),
            ],
        });
        await CreateAsync(dynamo, time, new CreateTableRequest
        {
            TableName = options.ArrivalsTable,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [Attr("pk", ScalarAttributeType.S), Attr("sk", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH), new KeySchemaElement("sk", KeyType.RANGE)],
        });
    }

    static async Task CreateAsync(IAmazonDynamoDB dynamo, TimeProvider time, CreateTableRequest request)
    {
        try
        {
            await dynamo.CreateTableAsync(request);
        }
        catch (ResourceInUseException)
        {
            // Created by another process (or an earlier start).
        }

        for (var i = 0; i < 120; i++)
        {
            var table = await dynamo.DescribeTableAsync(request.TableName);
            if (table.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), time);
        }

        throw new InvalidOperationException($"DynamoDB table {request.TableName} did not become ACTIVE within a minute.");
    }

    static AttributeDefinition Attr(string name, ScalarAttributeType type) => new(name, type);

    static GlobalSecondaryIndex Index(string name, params KeySchemaElement[] keys) =>
        new() { IndexName = name, KeySchema = [.. keys], Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY } };
}
