using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Pipeline.Core.Datasets;
using Pipeline.Core.State;
using static Pipeline.Aws.DynamoDb.ArrivalItems;

namespace Pipeline.Aws.DynamoDb;

/// <summary>
/// The arrival log in DynamoDB (items: <see cref="ArrivalItems"/>). An arrival is recorded by one transaction
/// that puts its uniqueness marker on the condition that it does not exist yet, so (dataset, key, ETag)
/// counts once however often it is notified; counters in the <c>meta</c> item change in the same transaction.
/// </summary>
public sealed partial class DynamoDbArrivalLog(IAmazonDynamoDB dynamo, DynamoDbTables tables) : IArrivalLog
{
    const int NoticesPerTransaction = 24;

    string Table => tables.Options.ArrivalsTable;

    /// <inheritdoc />
    public async Task<ArrivalsRecorded> AddAsync(
        string dataset, IReadOnlyList<ArrivalNotice> notices, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await tables.EnsureReadyAsync(cancellationToken);
        var fresh = await WithoutKnownAsync(dataset, notices.DistinctBy(n => (n.Key, n.ETag)).ToList(), cancellationToken);
        if (fresh.Count == 0)
        {
            return new ArrivalsRecorded(0, notices.Count);
        }

        var last = Long((await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Table,
            Key = Key(dataset, Meta),
            UpdateExpression = "ADD next_seq :n",
            ExpressionAttributeValues = new() { [":n"] = Number(fresh.Count) },
            ReturnValues = ReturnValue.UPDATED_NEW,
        }, cancellationToken)).Attributes["next_seq"]);
        var numbered = fresh.Select((n, i) => (Notice: n, Seq: last - fresh.Count + 1 + i)).ToList();
        var recorded = 0;
        foreach (var group in numbered.Chunk(NoticesPerTransaction))
        {
            try
            {
                await dynamo.TransactWriteItemsAsync(AddTransaction(dataset, group, now), cancellationToken);
                recorded += group.Length;
            }
            catch (TransactionCanceledException)
            {
                // Another writer recorded some of them meanwhile: one at a time tells which.
                foreach (var one in group)
                {
                    recorded += await TryAddOneAsync(dataset, one, now, cancellationToken) ? 1 : 0;
                }
            }
        }

        return new ArrivalsRecorded(recorded, notices.Count - recorded);
    }

    /// <inheritdoc />
    public async Task<PendingSummary> PendingAsync(string dataset, CancellationToken cancellationToken = default)
    {
        var count = await CounterAsync(dataset, "pending", cancellationToken);
        if (count == 0)
        {
            return new PendingSummary(0, null);
        }

        var oldest = await dynamo.QueryAsync(Prefixed(dataset, "p#", limit: 1), cancellationToken);
        var at = oldest.Items is [var first, ..] ? DateTimeOffset.FromUnixTimeMilliseconds(Long(first["at"])) : (DateTimeOffset?)null;
        return new PendingSummary(count, at);
    }

    /// <inheritdoc />
    public Task<long> TotalAsync(string dataset, CancellationToken cancellationToken = default) => CounterAsync(dataset, "total", cancellationToken);

    async Task<List<ArrivalNotice>> WithoutKnownAsync(string dataset, List<ArrivalNotice> notices, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in notices.Select(Unique).Chunk(100))
        {
            var keys = new KeysAndAttributes { ConsistentRead = true, ProjectionExpression = "sk", Keys = [.. batch.Select(sk => Key(dataset, sk))] };
            var request = new Dictionary<string, KeysAndAttributes> { [Table] = keys };
            while (request.Count > 0)
            {
                var response = await dynamo.BatchGetItemAsync(request, cancellationToken);
                foreach (var item in response.Responses?.GetValueOrDefault(Table) ?? [])
                {
                    known.Add(item["sk"].S);
                }

                request = response.UnprocessedKeys is { Count: > 0 } unprocessed ? unprocessed : [];
            }
        }

        return notices.Where(n => !known.Contains(Unique(n))).ToList();
    }

    async Task<bool> TryAddOneAsync(string dataset, (ArrivalNotice Notice, long Seq) one, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await dynamo.TransactWriteItemsAsync(AddTransaction(dataset, [one], now), cancellationToken);
                return true;
            }
            catch (TransactionCanceledException ex) when (ex.CancellationReasons?.Any(r => r.Code == "ConditionalCheckFailed") == true)
            {
                return false;
            }
            catch (TransactionCanceledException ex) when (attempt < 5 && ex.CancellationReasons?.Any(r => r.Code == "TransactionConflict") == true)
            {
                // Another transaction on the same counters was in flight: it settles within milliseconds.
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellationToken);
            }
        }
    }

    TransactWriteItemsRequest AddTransaction(string dataset, (ArrivalNotice Notice, long Seq)[] group, DateTimeOffset now)
    {
        var at = now.ToUnixTimeMilliseconds();
        var items = new List<TransactWriteItem>();
        foreach (var (notice, seq) in group)
        {
            var unique = Key(dataset, Unique(notice));
            unique["seq"] = Number(seq);
            items.Add(new TransactWriteItem { Put = new Put { TableName = Table, Item = unique, ConditionExpression = "attribute_not_exists(pk)" } });
            items.Add(Put(Record(dataset, Arrival(seq), seq, notice.Key, notice.ETag, notice.Size, at, notice.TraceParent, null)));
            items.Add(Put(Record(dataset, Pending(seq), seq, notice.Key, notice.ETag, notice.Size, at, notice.TraceParent, null)));
        }

        items.Add(Counters(dataset, "ADD #total :n, #pending :n", group.Length));
        return new TransactWriteItemsRequest { TransactItems = items };
    }
}
