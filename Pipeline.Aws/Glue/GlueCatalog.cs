using Pipeline.Aws.Json;
using Pipeline.Core.Tables;

namespace Pipeline.Aws.Glue;

/// <summary>
/// The catalog in the Glue Data Catalog: each table is a Glue table Athena can read (Hive columns, Parquet,
/// partitions registered directly, no crawler), and the files each partition holds are kept in its parameters,
/// so the silos share one catalog that outlives them. How a commit stays atomic is told in <see cref="GlueTableState"/>.
/// </summary>
/// <param name="locationOf">The S3 URI of a lake folder (<c>processed/trips/</c> -> <c>s3://bucket/processed/trips/</c>).</param>
public sealed partial class GlueCatalog(GlueClient glue, GlueCatalogOptions options, Func<string, string> locationOf, TimeProvider time) : ITableCatalog
{
    // What Athena reads Parquet tables with (the serde Glue's own crawler records for Parquet).
    internal const string InputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    internal const string OutputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    internal const string ParquetSerDe = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    /// <summary>Hive's name for a partition whose value is missing.</summary>
    const string NoValue = "__HIVE_DEFAULT_PARTITION__";

    readonly string database = options.Database;
    volatile bool databaseReady;

    public async Task CommitRunAsync(TableCommit commit, CancellationToken cancellationToken)
    {
        await EnsureDatabaseAsync(cancellationToken);
        var table = await glue.GetTableAsync(database, commit.Table, cancellationToken);
        var state = table is null ? new GlueTableState() : GlueTableState.Read(table.Parameters);
        var partitions = await PartitionsAsync(table, cancellationToken);
        await SweepAsync(commit.Table, state, partitions, cancellationToken);

        // Begin: the commit's number is pending, so none of the files written under it is seen yet.
        var number = state.Commit + 1;
        var newFiles = commit.Files.Select(f => new GlueFileEntry(f.Key, commit.RunId, number, f.Rows, f.Bytes, new(f.Partition))).ToList();
        var unpartitioned = commit.PartitionKeys.Count == 0;
        var begun = state with
        {
            Commit = number,
            Pending = new(state.Pending) { [number] = commit.RunId },
            Retired = [],
            Files = [.. state.Files.Where(f => !state.Gone(f)), .. unpartitioned ? newFiles : []],
        };
        if (table is null)
        {
            await glue.CreateTableAsync(database, TableInput(commit, begun), cancellationToken);
        }
        else
        {
            await glue.UpdateTableAsync(database, Input(table, begun.Parameters()), cancellationToken, table.VersionId, archive: false);
        }

        if (!unpartitioned)
        {
            await AddToPartitionsAsync(commit, newFiles, partitions, cancellationToken);
        }

        // Flip: one table update makes the files seen and retires what they replace.
        var current = await glue.GetTableAsync(database, commit.Table, cancellationToken);
        var now = GlueTableState.Read(current?.Parameters);
        if (current is null || now.Pending.GetValueOrDefault(number) != commit.RunId)
        {
            throw new InvalidOperationException($"The commit of run {commit.RunId} to Glue table {database}.{commit.Table} was overtaken by another writer.");
        }

        var flipped = now with
        {
            Kind = commit.Kind,
            Dataset = commit.Dataset,
            Columns = [.. commit.Columns],
            PartitionKeys = [.. commit.PartitionKeys],
            PrimaryKey = [.. commit.PrimaryKey],
            Pending = now.Pending.Where(p => p.Value != commit.RunId).ToDictionary(),
            Retired = commit.ReplaceAllFiles ? now.Retired : new(now.Retired) { [commit.RunId] = number },
            Floor = commit.ReplaceAllFiles ? number : now.Floor,
            UpdatedAt = time.GetUtcNow(),
        };
        var versionAdded = flipped.Versions.Count == 0 || !flipped.Versions[^1].Columns.SequenceEqual(commit.Columns);
        if (versionAdded)
        {
            var previous = flipped.Versions.Count == 0 ? [] : flipped.Versions[^1].Columns;
            flipped = flipped with
            {
                Versions = [.. flipped.Versions, new SchemaVersionInfo(flipped.Versions.Count + 1, flipped.UpdatedAt, commit.RunId, [.. commit.Columns],
                    SchemaChange.Describe(previous, commit.Columns))],
            };
        }

        var seen = flipped.Files.Concat(partitions.Values.SelectMany(p => p.Files)).Where(flipped.Visible).ToList();
        flipped = flipped with { Files = [.. flipped.Files.Where(f => !flipped.Gone(f))], Rows = seen.Sum(f => f.Rows), FileCount = seen.Count };
        await glue.UpdateTableAsync(database, TableInput(commit, flipped), cancellationToken, current.VersionId, archive: versionAdded);

        // The replaced files' entries go; until they do, the table's retired marks hide them.
        await SweepAsync(commit.Table, flipped, partitions, cancellationToken);
    }

    async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        if (databaseReady)
        {
            return;
        }

        if (await glue.GetDatabaseAsync(database, cancellationToken) is null)
        {
            try
            {
                await glue.CreateDatabaseAsync(new DatabaseInput(database, "Tables of the Pipeline data lake"), cancellationToken);
            }
            catch (AwsServiceException e) when (e.Code == "AlreadyExistsException")
            {
                // Another silo created it first.
            }
        }

        databaseReady = true;
    }

    async Task AddToPartitionsAsync(TableCommit commit, List<GlueFileEntry> files, Dictionary<string, GluePartition> partitions,
        CancellationToken cancellationToken)
    {
        var created = new List<PartitionInput>();
        var updated = new List<PartitionInput>();
        var columns = HiveColumns(commit).Columns;
        foreach (var group in files.GroupBy(f => ValuesOf(f, commit.PartitionKeys), ValuesComparer))
        {
            var key = string.Join('\u0001', group.Key);
            var exists = partitions.TryGetValue(key, out var partition);
            var location = exists ? partition!.Location : locationOf(FolderOf(group.First().Key));
            partition = new GluePartition(group.Key, location, [.. exists ? partition!.Files : [], .. group]);
            partitions[key] = partition;
            (exists ? updated : created).Add(partition.Input(columns));
        }

        Refused(await glue.BatchCreatePartitionAsync(database, commit.Table, created, cancellationToken), commit.Table);
        Refused(await glue.BatchUpdatePartitionAsync(database, commit.Table, updated, cancellationToken), commit.Table);
    }

    // Files hidden for good (retired or below the floor) leave their partitions; a partition left empty goes.
    async Task SweepAsync(string table, GlueTableState state, Dictionary<string, GluePartition> partitions, CancellationToken cancellationToken)
    {
        var updated = new List<PartitionInput>();
        var deleted = new List<List<string>>();
        foreach (var (key, partition) in partitions.ToList())
        {
            var kept = partition.Files.Where(f => !state.Gone(f)).ToList();
            if (kept.Count == partition.Files.Count)
            {
                continue;
            }

            partitions[key] = partition with { Files = kept };
            if (kept.Count == 0)
            {
                partitions.Remove(key);
                deleted.Add(partition.Values);
            }
            else
            {
                updated.Add(partitions[key].Input(partition.Columns));
            }
        }

        Refused(await glue.BatchUpdatePartitionAsync(database, table, updated, cancellationToken), table);
        Refused(await glue.BatchDeletePartitionAsync(database, table, deleted, cancellationToken), table);
    }

    TableInput TableInput(TableCommit commit, GlueTableState state)
    {
        var (columns, keys) = HiveColumns(commit);
        return new TableInput(commit.Table, $"{(commit.Kind == "view" ? "Curated view of" : "Table of")} dataset {commit.Dataset}, written by Pipeline",
            new StorageDescriptor(columns, locationOf(commit.Folder), InputFormat, OutputFormat, SerdeInfo: new SerDeInfo(ParquetSerDe)),
            keys, "EXTERNAL_TABLE", state.Parameters());
    }

    static TableInput Input(Table table, Dictionary<string, string> parameters) =>
        new(table.Name, table.Description, table.StorageDescriptor, table.PartitionKeys, table.TableType, parameters);

    // Athena's view: partition columns are the table's partition keys, not among its columns.
    static (List<Column> Columns, List<Column> Keys) HiveColumns(TableCommit commit)
    {
        var types = commit.Columns.ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        var keys = commit.PartitionKeys.Select(k => new Column(k, types.TryGetValue(k, out var t) ? HiveTypes.Of(t) : "string")).ToList();
        var columns = commit.Columns.Where(c => !commit.PartitionKeys.Contains(c.Name)).Select(c => new Column(c.Name, HiveTypes.Of(c.Type))).ToList();
        return (columns, keys);
    }

    static List<string> ValuesOf(GlueFileEntry file, IReadOnlyList<string> keys) =>
        [.. keys.Select(k => file.Partition.GetValueOrDefault(k) is { Length: > 0 } v ? v : NoValue)];

    static string FolderOf(string key) => key[..(key.LastIndexOf('/') + 1)];

    static readonly IEqualityComparer<List<string>> ValuesComparer = EqualityComparer<List<string>>.Create(
        (a, b) => a!.SequenceEqual(b!), v => string.Join('\u0001', v).GetHashCode(StringComparison.Ordinal));

    static void Refused(List<PartitionError> errors, string table)
    {
        if (errors is [var first, ..])
        {
            throw new AwsServiceException("Glue", "partitions of " + table, first.ErrorDetail?.ErrorCode ?? "PartitionRefused",
                $"{errors.Count} partitions refused, first [{string.Join(", ", first.PartitionValues ?? [])}]: {first.ErrorDetail?.ErrorMessage}",
                System.Net.HttpStatusCode.BadRequest);
        }
    }
}
