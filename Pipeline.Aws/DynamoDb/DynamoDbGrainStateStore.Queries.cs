using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Pipeline.Aws.DynamoDb;

public sealed partial class DynamoDbGrainStateStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await tables.EnsureReadyAsync(cancellationToken);
        var perShard = await Task.WhenAll(Enumerable.Range(0, tables.Options.WakeShards).Select(async shard =>
        {
            var response = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = Table,
                IndexName = DynamoDbTables.WakeIndex,
                KeyConditionExpression = "wake_shard = :shard AND wake_at <= :now",
                ExpressionAttributeValues = new() { [":shard"] = Number(shard), [":now"] = Number(now.ToUnixTimeMilliseconds()) },
                Limit = limit,
            }, cancellationToken);
            return (response.Items ?? []).Select(i => (Key: i["grain"].S, At: long.Parse(i["wake_at"].N, CultureInfo.InvariantCulture)));
        }));
        return perShard.SelectMany(s => s).OrderBy(d => d.At).Take(limit).Select(d => d.Key).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken cancellationToken = default)
    {
        // Every key is inherently a full read: one small item per grain (chunk items filtered out).
        await tables.EnsureReadyAsync(cancellationToken);
        var keys = new List<string>();
        var request = new ScanRequest { TableName = Table, ProjectionExpression = "grain", FilterExpression = "attribute_not_exists(chunk_of)" };
        do
        {
            var page = await dynamo.ScanAsync(request, cancellationToken);
            keys.AddRange((page.Items ?? []).Select(i => i["grain"].S));
            request.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });
        return keys.Order(StringComparer.Ordinal).ToList();
    }

    async Task<List<byte[]>?> ReadChunksAsync(string key, string chunkId, int count, CancellationToken cancellationToken)
    {
        var chunks = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var item = (await dynamo.GetItemAsync(new GetItemRequest
            {
                TableName = Table, Key = GrainKey(ChunkKey(key, chunkId, i)), ConsistentRead = true,
            }, cancellationToken)).Item;
            if (item is null || !item.TryGetValue("data", out var data))
            {
                return null;
            }

            chunks.Add(data.B.ToArray());
        }

        return chunks;
    }

    async Task WriteChunksAsync(string key, string chunkId, IReadOnlyList<byte[]> chunks, CancellationToken cancellationToken)
    {
        for (var i = 0; i < chunks.Count; i++)
        {
            var item = GrainKey(ChunkKey(key, chunkId, i));
            item["chunk_of"] = new AttributeValue { S = key };
            item["data"] = new AttributeValue { B = new MemoryStream(chunks[i]) };
            await dynamo.PutItemAsync(new PutItemRequest { TableName = Table, Item = item }, cancellationToken);
        }
    }

    // Best effort: a chunk left behind by a crash is garbage nobody reads (a new write uses a new chunk id).
    async Task DeleteChunksAsync(string key, string chunkId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            try
            {
                await dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = Table, Key = GrainKey(ChunkKey(key, chunkId, i)) });
            }
            catch (AmazonDynamoDBException)
            {
                return;
            }
        }
    }

    static string ChunkKey(string key, string chunkId, int index) => $"{key}#chunk#{chunkId}#{index.ToString(CultureInfo.InvariantCulture)}";
}
