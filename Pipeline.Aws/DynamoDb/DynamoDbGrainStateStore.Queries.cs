using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Pipeline.Aws.DynamoDb;

public sealed partial class DynamoDbGrainStateStore
{
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
