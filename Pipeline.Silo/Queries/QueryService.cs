using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Pipeline.Core.Lake;
using Pipeline.Core.Queries;
using DuckDB.NET.Data;
using Pipeline.Silo.Catalog;
using Pipeline.Silo.Hosting;

namespace Pipeline.Silo.Queries;

/// <summary>
/// Athena-style query executions: submit returns an id at once; the SQL runs in a sandbox on a
/// bounded number of slots; state, statistics and paged results are read by id; results are also
/// written as CSV under the lake's <c>query-results/</c>.
/// </summary>
public sealed partial class QueryService(
    CatalogStore catalog, ILakeStore lake, IOptions<QueryOptions> options, IOptions<SiloOptions> silo,
    TimeProvider time, Telemetry.SiloMetrics metrics, ILogger<QueryService> logger)
{
    /// <summary>The name of the queries' ActivitySource.</summary>
    public const string ActivitySourceName = "Pipeline.Silo.Queries";

    static readonly ActivitySource Source = new(ActivitySourceName);
    readonly ConcurrentDictionary<string, QueryRecord> executions = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<string> order = new();
    readonly SemaphoreSlim slots = new(options.Value.MaxConcurrent);

    /// <summary>Queues a query; returns its id.</summary>
    public string Submit(string sql)
    {
        var record = new QueryRecord(Guid.NewGuid().ToString("N"), sql, time.GetUtcNow());
        executions[record.Id] = record;
        order.Enqueue(record.Id);
        while (order.Count > options.Value.MaxExecutionsKept && order.TryDequeue(out var old))
        {
            executions.TryRemove(old, out _);
        }

        var parent = Activity.Current?.Context ?? default;
        _ = Task.Run(() => ExecuteAsync(record, parent));
        return record.Id;
    }

    /// <summary>An execution by id, or null.</summary>
    public QueryRecord? Find(string id) => executions.GetValueOrDefault(id);

    /// <summary>Cancels a queued or running execution; false when unknown.</summary>
    public bool Cancel(string id)
    {
        if (!executions.TryGetValue(id, out var record))
        {
            return false;
        }

        record.Cancellation.Cancel();
        return true;
    }

    async Task ExecuteAsync(QueryRecord record, ActivityContext parent)
    {
        using var activity = Source.StartActivity("query", ActivityKind.Internal, parent);
        activity?.SetTag("pipeline.query_id", record.Id);
        var token = record.Cancellation.Token;
        var watch = Stopwatch.StartNew();
        try
        {
            await slots.WaitAsync(token);
            try
            {
                record.State = QueryState.Running;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(options.Value.Timeout);
                var tables = await catalog.SourcesAsync(token);
                var bytes = await Task.Run(() => RunAsync(record, tables, timeout.Token), CancellationToken.None);
                record.Statistics = new QueryStatistics(record.Rows.Count, bytes, watch.Elapsed.TotalMilliseconds, record.Truncated);
                record.State = QueryState.Succeeded;
            }
            finally
            {
                slots.Release();
            }
        }
        catch (OperationCanceledException)
        {
            record.State = QueryState.Cancelled;
            record.Error = token.IsCancellationRequested ? "Cancelled by request." : $"Cancelled: the query ran longer than {options.Value.Timeout}.";
        }
        catch (Exception ex) when (ex is DuckDBException or QueryRejectedException)
        {
            record.State = QueryState.Failed;
            record.Error = ex.Message;
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
        }
        catch (Exception ex)
        {
            record.State = QueryState.Failed;
            record.Error = "Internal error: " + ex.Message;
            LogFailed(logger, record.Id, ex);
        }
        finally
        {
            record.CompletedAt = time.GetUtcNow();
            record.Statistics ??= new QueryStatistics(record.Rows.Count, 0, watch.Elapsed.TotalMilliseconds);
            metrics.QueryEnded(watch.Elapsed, record.State.ToString());
            activity?.SetTag("pipeline.query.state", record.State.ToString()).SetTag("pipeline.rows_out", record.Rows.Count);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Query {QueryId} failed unexpectedly")]
    static partial void LogFailed(ILogger logger, string queryId, Exception exception);
}
