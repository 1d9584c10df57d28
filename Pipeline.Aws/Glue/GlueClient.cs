using Pipeline.Aws.Json;

namespace Pipeline.Aws.Glue;

/// <summary>
/// The Glue Data Catalog operations the catalog needs, over Glue's JSON protocol: databases, tables with their
/// schema versions, and partitions. A missing entity is null rather than an exception; batch partition calls
/// give back the partitions Glue refused, with its reason.
/// </summary>
public sealed class GlueClient(AwsJsonClient client)
{
    /// <summary>The Glue batch partition calls take at most this many partitions.</summary>
    public const int MaxBatch = 100;

    /// <summary>Every operation this client can send (the IAM policy grants exactly these).</summary>
    public static readonly IReadOnlyList<string> Operations =
    [
        "CreateDatabase", "GetDatabase", "UpdateDatabase", "CreateTable", "GetTable", "GetTables", "UpdateTable",
        "BatchCreatePartition", "BatchUpdatePartition", "GetPartitions", "BatchDeletePartition",
    ];

    public Task CreateDatabaseAsync(DatabaseInput database, CancellationToken cancellationToken) =>
        client.SendAsync<CreateDatabaseRequest, NoOutput>("CreateDatabase", new CreateDatabaseRequest(database), cancellationToken);

    public async Task<Database?> GetDatabaseAsync(string name, CancellationToken cancellationToken) =>
        await NotFoundAsNull(() => client.SendAsync<GetDatabaseRequest, GetDatabaseResponse>("GetDatabase", new GetDatabaseRequest(name), cancellationToken))
            is { } response ? response.Database : null;

    public Task UpdateDatabaseAsync(DatabaseInput database, CancellationToken cancellationToken) =>
        client.SendAsync<UpdateDatabaseRequest, NoOutput>("UpdateDatabase", new UpdateDatabaseRequest(database.Name, database), cancellationToken);

    public Task CreateTableAsync(string database, TableInput table, CancellationToken cancellationToken) =>
        client.SendAsync<CreateTableRequest, NoOutput>("CreateTable", new CreateTableRequest(database, table), cancellationToken);

    public async Task<Table?> GetTableAsync(string database, string name, CancellationToken cancellationToken) =>
        await NotFoundAsNull(() => client.SendAsync<GetTableRequest, GetTableResponse>("GetTable", new GetTableRequest(database, name), cancellationToken))
            is { } response ? response.Table : null;

    /// <summary>Every table of the database (all pages).</summary>
    public async Task<List<Table>> GetTablesAsync(string database, CancellationToken cancellationToken)
    {
        var tables = new List<Table>();
        string? token = null;
        do
        {
            var page = await client.SendAsync<GetTablesRequest, GetTablesResponse>("GetTables", new GetTablesRequest(database, token), cancellationToken);
            tables.AddRange(page.TableList ?? []);
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));

        return tables;
    }

    /// <summary>
    /// Replaces the table's definition. With <paramref name="versionId"/> Glue refuses the update
    /// (<c>ConcurrentModificationException</c>) when someone changed the table since that version was read;
    /// <paramref name="archive"/> keeps the previous definition as a Glue table version.
    /// </summary>
    public Task UpdateTableAsync(string database, TableInput table, CancellationToken cancellationToken, string? versionId = null, bool archive = true) =>
        client.SendAsync<UpdateTableRequest, NoOutput>("UpdateTable",
            new UpdateTableRequest(database, table, SkipArchive: archive ? null : true, VersionId: versionId), cancellationToken);

    /// <summary>Adds partitions in batches of <see cref="MaxBatch"/>; returns those Glue refused (an existing one among them).</summary>
    public async Task<List<PartitionError>> BatchCreatePartitionAsync(string database, string table, IReadOnlyList<PartitionInput> partitions,
        CancellationToken cancellationToken)
    {
        var errors = new List<PartitionError>();
        foreach (var batch in partitions.Chunk(MaxBatch))
        {
            var response = await client.SendAsync<BatchCreatePartitionRequest, BatchCreatePartitionResponse>(
                "BatchCreatePartition", new BatchCreatePartitionRequest(database, table, [.. batch]), cancellationToken);
            errors.AddRange(response.Errors ?? []);
        }

        return errors;
    }

    /// <summary>Replaces existing partitions in batches of <see cref="MaxBatch"/>; returns those Glue refused.</summary>
    public async Task<List<PartitionError>> BatchUpdatePartitionAsync(string database, string table, IReadOnlyList<PartitionInput> partitions,
        CancellationToken cancellationToken)
    {
        var errors = new List<PartitionError>();
        foreach (var batch in partitions.Chunk(MaxBatch))
        {
            var response = await client.SendAsync<BatchUpdatePartitionRequest, BatchUpdatePartitionResponse>("BatchUpdatePartition",
                new BatchUpdatePartitionRequest(database, table, [.. batch.Select(p => new BatchUpdatePartitionRequestEntry(p.Values, p))]), cancellationToken);
            errors.AddRange((response.Errors ?? []).Select(e => new PartitionError(e.PartitionValueList, e.ErrorDetail)));
        }

        return errors;
    }

    /// <summary>Every partition of the table (all pages), optionally filtered by a Glue partition expression.</summary>
    public async Task<List<Partition>> GetPartitionsAsync(string database, string table, string? expression, CancellationToken cancellationToken)
    {
        var partitions = new List<Partition>();
        string? token = null;
        do
        {
            var page = await client.SendAsync<GetPartitionsRequest, GetPartitionsResponse>(
                "GetPartitions", new GetPartitionsRequest(database, table, expression, token), cancellationToken);
            partitions.AddRange(page.Partitions ?? []);
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));

        return partitions;
    }

    /// <summary>Removes partitions in batches of 25 (Glue's limit for this call); returns those Glue refused.</summary>
    public async Task<List<PartitionError>> BatchDeletePartitionAsync(string database, string table, IReadOnlyList<List<string>> values,
        CancellationToken cancellationToken)
    {
        var errors = new List<PartitionError>();
        foreach (var batch in values.Chunk(25))
        {
            var response = await client.SendAsync<BatchDeletePartitionRequest, BatchDeletePartitionResponse>(
                "BatchDeletePartition", new BatchDeletePartitionRequest(database, table, [.. batch.Select(v => new PartitionValueList(v))]), cancellationToken);
            errors.AddRange(response.Errors ?? []);
        }

        return errors;
    }

    static async Task<T?> NotFoundAsNull<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (AwsServiceException e) when (e.Code == "EntityNotFoundException")
        {
            return null;
        }
    }
}
