using Amazon.DynamoDBv2.Model;
using Pipeline.Core.State;
using static Pipeline.Aws.DynamoDb.ArrivalItems;

namespace Pipeline.Aws.DynamoDb;

public sealed partial class DynamoDbArrivalLog
{
    /// <inheritdoc />
    public async Task<int> ClaimAsync(string dataset, string runId, int maxFiles, CancellationToken cancellationToken = default)
    {
        await tables.EnsureReadyAsync(cancellationToken);
        var already = (await ForRunAsync(dataset, runId, cancellationToken)).Count;
        if (already > 0)
        {
            return already;
        }

        var pending = new List<Dictionary<string, AttributeValue>>();
        await foreach (var item in QueryAllAsync(Prefixed(dataset, "p#", limit: maxFiles), cancellationToken))
        {
            pending.Add(item);
            if (pending.Count == maxFiles)
            {
                break;
            }
        }

        foreach (var group in pending.Chunk(NoticesPerTransaction))
        {
            var items = new List<TransactWriteItem>();
            foreach (var item in group)
            {
                var seq = Long(item["seq"]);
                items.Add(new TransactWriteItem
                {
                    Delete = new Delete { TableName = Table, Key = Key(dataset, Pending(seq)), ConditionExpression = "attribute_exists(pk)" },
                });
                items.Add(Put(Record(dataset, Run(runId, seq), seq, item["key"].S, item["etag"].S, Long(item["size"]), Long(item["at"]),
                    item.TryGetValue("tp", out var tp) ? tp.S : null, runId)));
                items.Add(new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = Table, Key = Key(dataset, Arrival(seq)), UpdateExpression = "SET #run = :run",
                        ExpressionAttributeNames = new() { ["#run"] = "run" }, ExpressionAttributeValues = new() { [":run"] = new AttributeValue { S = runId } },
                    },
                });
            }

            items.Add(Counters(dataset, "ADD #pending :n", -group.Length));
            // A cancelled transaction (another silo claimed the same files) fails the call; the grain tries again later.
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, cancellationToken);
        }

        return pending.Count;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ArrivalRecord>> ForRunAsync(string dataset, string runId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureReadyAsync(cancellationToken);
        var records = new List<ArrivalRecord>();
        await foreach (var item in QueryAllAsync(Prefixed(dataset, RunPrefix(runId), limit: null), cancellationToken))
        {
            records.Add(ToRecord(item));
        }

        return records;
    }

    async Task<long> CounterAsync(string dataset, string name, CancellationToken cancellationToken)
    {
        await tables.EnsureReadyAsync(cancellationToken);
        var item = (await dynamo.GetItemAsync(new GetItemRequest { TableName = Table, Key = Key(dataset, Meta), ConsistentRead = true },
            cancellationToken)).Item;
        return item is not null && item.TryGetValue(name, out var value) ? Long(value) : 0;
    }

    async IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryAllAsync(
        QueryRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        do
        {
            var page = await dynamo.QueryAsync(request, cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                yield return item;
            }

            request.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });
    }

    QueryRequest Prefixed(string dataset, string prefix, int? limit) => new()
    {
        TableName = Table,
        KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = dataset }, [":prefix"] = new AttributeValue { S = prefix } },
        ConsistentRead = true,
        Limit = limit,
    };

    TransactWriteItem Put(Dictionary<string, AttributeValue> item) => new() { Put = new Put { TableName = Table, Item = item } };

    TransactWriteItem Counters(string dataset, string expression, long delta) => new()
    {
        Update = new Update
        {
            TableName = Table,
            Key = Key(dataset, Meta),
            UpdateExpression = expression,
            ExpressionAttributeNames = expression.Contains("#total", StringComparison.Ordinal)
                ? new() { ["#total"] = "total", ["#pending"] = "pending" }
                : new() { ["#pending"] = "pending" },
            ExpressionAttributeValues = new() { [":n"] = Number(delta) },
        },
    };
}
