using Microsoft.Data.Sqlite;

namespace Pipeline.Silo.State;

/// <summary>
/// The silo's SQLite file (<c>&lt;data-dir&gt;/state/pipeline.db</c>, WAL): grain state, reminders, the arrival log
/// and the catalog; silos on one machine share it. Each call opens a pooled connection; writers wait on a busy timeout.
/// </summary>
public sealed class SqliteStore
{
    readonly string connectionString;

    // One writer at a time in this process: SQLite allows one anyway, and a writer that finds the file locked
    // sleeps in its busy handler (milliseconds), which under load costs far more than queueing here.
    readonly SemaphoreSlim writeGate = new(1, 1);

    /// <summary>Opens (creating when needed) the database under <paramref name="dataDir"/>.</summary>
    public SqliteStore(string dataDir)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDir), "state");
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, "pipeline.db");
        connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, Schema);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>An open connection with the pragmas every caller needs.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(Pragmas, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction, after this process's other writers.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(connection);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>Waits for this process's other writers; the caller writes, then disposes the returned lease.</summary>
    public async Task<IDisposable> WriterAsync(CancellationToken cancellationToken = default)
    {
        await writeGate.WaitAsync(cancellationToken);
        return new Lease(writeGate);
    }

    sealed class Lease(SemaphoreSlim gate) : IDisposable
    {
        int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, Pragmas);
        return connection;
    }

    const string Pragmas = "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (key TEXT PRIMARY KEY, version INTEGER NOT NULL, state TEXT NOT NULL);

        -- Orleans reminders: ranges of the ring are read by the grain's uniform hash.
        CREATE TABLE IF NOT EXISTS reminders (
            service_id TEXT NOT NULL, grain_id TEXT NOT NULL, name TEXT NOT NULL, grain_hash INTEGER NOT NULL,
            start_at TEXT NOT NULL, period_ms INTEGER NOT NULL, etag TEXT NOT NULL,
            PRIMARY KEY (service_id, grain_id, name));
        CREATE INDEX IF NOT EXISTS reminders_hash ON reminders(service_id, grain_hash);

        CREATE TABLE IF NOT EXISTS arrivals (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, dataset TEXT NOT NULL, key TEXT NOT NULL, etag TEXT NOT NULL,
            size INTEGER NOT NULL, recorded_at INTEGER NOT NULL, run_id TEXT NULL, traceparent TEXT NULL,
            UNIQUE (dataset, key, etag));
        CREATE INDEX IF NOT EXISTS arrivals_pending ON arrivals(dataset, seq) WHERE run_id IS NULL;
        CREATE INDEX IF NOT EXISTS arrivals_run ON arrivals(dataset, run_id);

        CREATE TABLE IF NOT EXISTS catalog_tables (
            name TEXT PRIMARY KEY, kind TEXT NOT NULL, dataset TEXT NOT NULL, version INTEGER NOT NULL,
            columns TEXT NOT NULL, partition_keys TEXT NOT NULL, primary_key TEXT NOT NULL, updated_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS catalog_versions (
            name TEXT NOT NULL, version INTEGER NOT NULL, created_at INTEGER NOT NULL, run_id TEXT NOT NULL,
            columns TEXT NOT NULL, change TEXT NOT NULL, PRIMARY KEY (name, version));
        CREATE TABLE IF NOT EXISTS catalog_files (
            name TEXT NOT NULL, run_id TEXT NOT NULL, path TEXT NOT NULL, partition TEXT NOT NULL,
            rows INTEGER NOT NULL, bytes INTEGER NOT NULL, PRIMARY KEY (name, path));
        CREATE INDEX IF NOT EXISTS catalog_files_run ON catalog_files(name, run_id);
        """;
}
