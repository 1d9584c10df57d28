using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using static Pipeline.Aws.DynamoDb.ReminderItems;

namespace Pipeline.Aws.DynamoDb;

/// <summary>
/// Orleans reminders in DynamoDB (items: <see cref="ReminderItems"/>), scoped by the cluster's service id. A silo
/// reads its range of the ring with queries on the <see cref="DynamoDbTables.RingIndex"/> index, never a scan.
/// Upserts are unconditional with a fresh etag; a removal must name the current etag.
/// </summary>
public sealed partial class DynamoDbReminderTable(
    IAmazonDynamoDB dynamo, DynamoDbTables tables, IOptions<ClusterOptions> cluster, ILogger<DynamoDbReminderTable> log) : IReminderTable
{
    string Table => tables.Options.RemindersTable;

    string ServiceId => cluster.Value.ServiceId;

    public Task StartAsync(CancellationToken cancellationToken = default) => tables.EnsureReadyAsync(cancellationToken);

    // Orleans calls the overloads with a token; the ones without exist for older callers.
    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        await tables.EnsureReadyAsync(cancellationToken);
        var items = await QueryAllAsync(new QueryRequest
        {
            TableName = Table,
            ConsistentRead = true,
            KeyConditionExpression = "grain_key = :grain",
            ExpressionAttributeValues = new() { [":grain"] = Text(GrainKey(ServiceId, grainId)) },
        }, cancellationToken);
        return new ReminderTableData(items.Select(Entry));
    }

    // (begin, end]: begin == end is the whole ring; begin > end wraps past uint.MaxValue, two queries.
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        await tables.EnsureReadyAsync(cancellationToken);
        IEnumerable<Dictionary<string, AttributeValue>> items = begin == end
            ? await QueryRingAsync(null, [], cancellationToken)
            : begin < end
                ? await QueryRingAsync("grain_hash BETWEEN :low AND :high", [(":low", begin + 1L), (":high", end)], cancellationToken)
                : (await QueryRingAsync("grain_hash > :begin", [(":begin", begin)], cancellationToken))
                    .Concat(await QueryRingAsync("grain_hash <= :end", [(":end", end)], cancellationToken));
        return new ReminderTableData(items.Select(Entry));
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        await tables.EnsureReadyAsync(cancellationToken);
        var item = (await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = Table, Key = Key(ServiceId, grainId, reminderName), ConsistentRead = true,
        }, cancellationToken)).Item;
        return item is null || item.Count == 0 ? null : Entry(item);
    }

    // Unconditional, as in Orleans' own tables: the last registration wins, and its fresh etag makes an older one's removal fail.
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        await tables.EnsureReadyAsync(cancellationToken);
        var etag = Guid.NewGuid().ToString("N");
        await dynamo.PutItemAsync(new PutItemRequest { TableName = Table, Item = Item(ServiceId, entry, etag) }, cancellationToken);
        return etag;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        await tables.EnsureReadyAsync(cancellationToken);
        try
        {
            await dynamo.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = Table,
                Key = Key(ServiceId, grainId, reminderName),
                ConditionExpression = "etag = :etag",
                ExpressionAttributeValues = new() { [":etag"] = Text(eTag) },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            LogNotRemoved(log, reminderName, grainId);
            return false;
        }
    }

    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        await tables.EnsureReadyAsync(cancellationToken);
        foreach (var item in await QueryRingAsync(null, [], cancellationToken))
        {
            await dynamo.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = Table,
                Key = new() { ["grain_key"] = item["grain_key"], ["reminder_name"] = item["reminder_name"] },
            }, cancellationToken);
        }
    }

    // The index is eventually consistent: a reminder upserted a moment ago may be missing from a range read. The
    // silo that registered it holds it already, and every silo re-reads its range each RefreshReminderListPeriod.
    Task<List<Dictionary<string, AttributeValue>>> QueryRingAsync(
        string? hashCondition, (string Name, long Value)[] bounds, CancellationToken cancellationToken)
    {
        var values = bounds.ToDictionary(b => b.Name, b => Number(b.Value));
        values[":service"] = Text(ServiceId);
        return QueryAllAsync(new QueryRequest
        {
            TableName = Table,
            IndexName = DynamoDbTables.RingIndex,
            KeyConditionExpression = hashCondition is null ? "service_id = :service" : $"service_id = :service AND {hashCondition}",
            ExpressionAttributeValues = values,
        }, cancellationToken);
    }

    async Task<List<Dictionary<string, AttributeValue>>> QueryAllAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var page = await dynamo.QueryAsync(request, cancellationToken);
            items.AddRange(page.Items ?? []);
            request.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        return items;
    }

    [LoggerMessage(EventId = 720, Level = LogLevel.Debug, Message = "Reminder {ReminderName} of {GrainId} was not removed: its etag changed or it is gone")]
    static partial void LogNotRemoved(ILogger logger, string reminderName, GrainId grainId);
}
