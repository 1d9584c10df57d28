using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Pipeline.Core.State;

namespace Pipeline.Aws.DynamoDb;

/// <summary>
/// Grain state in DynamoDB: one item per grain (<c>grain</c>, <c>ver</c>, <c>json</c> or chunks), written
/// with a condition on the version so two silos never both win.
/// </summary>
public sealed partial class DynamoDbGrainStateStore(IAmazonDynamoDB dynamo, DynamoDbTables tables) : IGrainStateStore
{
    const int ReadAttempts = 3;

    string Table => tables.Options.GrainsTable;

    /// <inheritdoc />
    public async Task<GrainRecord?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        await tables.EnsureReadyAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var item = (await dynamo.GetItemAsync(new GetItemRequest { TableName = Table, Key = GrainKey(key), ConsistentRead = true },
                cancellationToken)).Item;
            if (item is null || item.Count == 0)
            {
                return null;
            }

            var version = long.Parse(item["ver"].N, CultureInfo.InvariantCulture);
            if (item.TryGetValue("json", out var json))
            {
                return new GrainRecord(json.S, version);
            }

            // Chunks of the version just read; a concurrent write may have replaced them: read again.
            var chunks = await ReadChunksAsync(key, item["chunk_id"].S, int.Parse(item["chunks"].N, CultureInfo.InvariantCulture), cancellationToken);
            if (chunks is not null)
            {
                return new GrainRecord(StateChunks.Join(chunks), version);
            }

            if (attempt == ReadAttempts)
            {
                throw new InvalidOperationException($"The state chunks of grain '{key}' kept changing while being read.");
            }
        }
    }

    /// <inheritdoc />
    public async Task<long> WriteAsync(
        string key, string json, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await tables.EnsureReadyAsync(cancellationToken);
        var version = expectedVersion + 1;
        var item = GrainKey(key);
        item["ver"] = Number(version);
        string? chunkId = null;
        if (StateChunks.NeedsChunks(json))
        {
            var chunks = StateChunks.Split(json);
            chunkId = Guid.NewGuid().ToString("N");
            await WriteChunksAsync(key, chunkId, chunks, cancellationToken);
            item["chunk_id"] = new AttributeValue { S = chunkId };
            item["chunks"] = Number(chunks.Count);
        }
        else
        {
            item["json"] = new AttributeValue { S = json };
        }

        PutItemResponse response;
        try
        {
            response = await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = Table,
                Item = item,
                ConditionExpression = expectedVersion == 0 ? "attribute_not_exists(grain)" : "ver = :expected",
                ExpressionAttributeValues = expectedVersion == 0 ? null : new() { [":expected"] = Number(expectedVersion) },
                ReturnValues = ReturnValue.ALL_OLD,
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            if (chunkId is not null)
            {
                await DeleteChunksAsync(key, chunkId, int.Parse(item["chunks"].N, CultureInfo.InvariantCulture));
            }

            throw new ConcurrencyException(key, expectedVersion);
        }

        if (response.Attributes is { } old && old.TryGetValue("chunk_id", out var oldId))
        {
            await DeleteChunksAsync(key, oldId.S, int.Parse(old["chunks"].N, CultureInfo.InvariantCulture));
        }

        return version;
    }

    /// <inheritdoc />
    public async Task ClearAsync(string key, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await tables.EnsureReadyAsync(cancellationToken);
        DeleteItemResponse response;
        try
        {
            response = await dynamo.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = Table,
                Key = GrainKey(key),
                ConditionExpression = expectedVersion == 0 ? "attribute_not_exists(grain)" : "ver = :expected",
                ExpressionAttributeValues = expectedVersion == 0 ? null : new() { [":expected"] = Number(expectedVersion) },
                ReturnValues = ReturnValue.ALL_OLD,
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new ConcurrencyException(key, expectedVersion);
        }

        if (response.Attributes is { } old && old.TryGetValue("chunk_id", out var oldId))
        {
            await DeleteChunksAsync(key, oldId.S, int.Parse(old["chunks"].N, CultureInfo.InvariantCulture));
        }
    }

    static Dictionary<string, AttributeValue> GrainKey(string key) => new() { ["grain"] = new AttributeValue { S = key } };

    static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
