using Pipeline.Core.Tables;
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
/// Runs the SQL of query executions for the query grains of this silo: in a sandbox (or on Athena), on a bounded
/// number of slots, with a timeout; the result goes to the lake's <c>query-results/</c> as CSV (for users) and JSON lines.
/// </summary>
public sealed partial class QueryService(
    ITableCatalog catalog, ILakeStore lake, IOptions<QueryOptions> options, IOptions<SiloOptions> silo,
    TimeProvider time, Telemetry.SiloMetrics metrics, ILogger<QueryService> logger, AthenaQueries? athena = null)
{
    /// <summary>The name of the queries' ActivitySource.</summary>
    public const string ActivitySourceName = "Pipeline.Silo.Queries";

    static readonly ActivitySource Source = new(ActivitySourceName);
    readonly ConcurrentDictionary<string, QueryRecord> executions = new(StringComparer.Ordinal);
    readonly SemaphoreSlim slots = new(options.Value.MaxConcurrent);

    /// <summary>Queued or Running while this silo runs the query; null when it does not.</summary>
    public QueryState? StateOf(string id) => executions.TryGetValue(id, out var record) ? record.State : null;

    /// <summary>Cancels a queued or running execution; false when this silo does not run it.</summary>
    public bool Cancel(string id)
    {
        if (!executions.TryGetValue(id, out var record))
        {
            return false;
        }

        record.Cancellation.Cancel();
        return true;
    }

    /// <summary>Runs a query to its end (waiting for a slot first); never throws.</summary>
    public async Task<QueryOutcome> RunAsync(string id, string sql, ActivityContext parent)
    {
        var record = new QueryRecord(id, sql);
        executions[id] = record;
        using var activity = Source.StartActivity("query", ActivityKind.Internal, parent);
        activity?.SetTag("pipeline.query_id", id);
        var token = record.Cancellation.Token;
        var watch = Stopwatch.StartNew();
        string? error = null;
        long bytes = 0;
        try
        {
            await slots.WaitAsync(token);
            try
            {
                record.State = QueryState.Running;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(options.Value.Timeout);
                if (athena is not null)
                {
                    bytes = await athena.ExecuteAsync(record, timeout.Token);
                }
                else
                {
                    var tables = await catalog.SourcesAsync(token);
                    bytes = await Task.Run(() => ExecuteAsync(record, tables, timeout.Token), CancellationToken.None);
                }
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
            error = token.IsCancellationRequested ? "Cancelled by request." : $"Cancelled: the query ran longer than {options.Value.Timeout}.";
        }
        catch (Exception ex) when (ex is DuckDBException or QueryRejectedException)
        {
            record.State = QueryState.Failed;
            error = ex.Message;
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
        }
        catch (Exception ex)
        {
            record.State = QueryState.Failed;
            error = "Internal error: " + ex.Message;
            LogFailed(logger, id, ex);
        }
        finally
        {
            executions.TryRemove(id, out _);
            record.Cancellation.Dispose();
            metrics.QueryEnded(watch.Elapsed, record.State.ToString());
            activity?.SetTag("pipeline.query.state", record.State.ToString()).SetTag("pipeline.rows_out", record.RowCount);
        }

        var succeeded = record.State == QueryState.Succeeded;
        return new QueryOutcome(record.State, error, time.GetUtcNow(),
            new QueryStatistics(record.RowCount, bytes, watch.Elapsed.TotalMilliseconds, record.Truncated), record.Columns,
            succeeded ? ResultsKey(id) : null, succeeded ? RowsKey(id) : null);
    }

    /// <summary>The CSV of a query's result, for users (Athena's output location).</summary>
    public static string ResultsKey(string id) => $"{LakeLayout.QueryResults}/{id}.csv";

    /// <summary>The rows as JSON, one array per line, which the query grain pages through.</summary>
    public static string RowsKey(string id) => $"{LakeLayout.QueryResults}/{id}.rows.jsonl";

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Query {QueryId} failed unexpectedly")]
    static partial void LogFailed(ILogger logger, string queryId, Exception exception);
}
