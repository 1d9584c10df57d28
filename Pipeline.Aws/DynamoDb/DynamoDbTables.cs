using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Pipeline.Aws.DynamoDb;

/// <summary>
/// The three tables. <c>&lt;prefix&gt;grains</c>: one item per grain (<c>grain</c>) plus state chunks.
/// <c>&lt;prefix&gt;arrivals</c>: items keyed (<c>pk</c> = dataset, <c>sk</c>), see <see cref="DynamoDbArrivalLog"/>.
/// <c>&lt;prefix&gt;reminders</c>: Orleans reminders keyed (<c>grain_key</c>, <c>reminder_name</c>) with the index
/// <see cref="RingIndex"/> (<c>service_id</c>, <c>grain_hash</c>), see <see cref="ReminderItems"/>.
/// With <see cref="DynamoDbOptions.CreateTables"/> they are created on first use.
/// </summary>
public sealed class DynamoDbTables(IAmazonDynamoDB dynamo, DynamoDbOptions options, TimeProvider time)
{
    /// <summary>Index of the reminders by service and grain hash: how a silo reads its range of the ring.</summary>
    public const string RingIndex = "ring";

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

    static Task CreateAllAsync(IAmazonDynamoDB dynamo, DynamoDbOptions options, TimeProvider time) => Task.WhenAll(
        CreateAsync(dynamo, time, new CreateTableRequest
        {
            TableName = options.GrainsTable,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [Attr("grain", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("grain", KeyType.HASH)],
        }),
        CreateAsync(dynamo, time, new CreateTableRequest
        {
            TableName = options.ArrivalsTable,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [Attr("pk", ScalarAttributeType.S), Attr("sk", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH), new KeySchemaElement("sk", KeyType.RANGE)],
        }),
        CreateAsync(dynamo, time, new CreateTableRequest
        {
            TableName = options.RemindersTable,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [Attr("grain_key", ScalarAttributeType.S), Attr("reminder_name", ScalarAttributeType.S),
                Attr("service_id", ScalarAttributeType.S), Attr("grain_hash", ScalarAttributeType.N)],
            KeySchema = [new KeySchemaElement("grain_key", KeyType.HASH), new KeySchemaElement("reminder_name", KeyType.RANGE)],
            GlobalSecondaryIndexes =
            [
                // Every attribute is projected: a range read builds whole entries without going back to the table.
                new GlobalSecondaryIndex
                {
                    IndexName = RingIndex,
                    KeySchema = [new KeySchemaElement("service_id", KeyType.HASH), new KeySchemaElement("grain_hash", KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        }));

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
}
