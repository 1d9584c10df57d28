using System.Diagnostics;
using Pipeline.Core.Transform;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Pipeline.Spark.DuckDb;

namespace Pipeline.Spark.Engine;

/// <summary>
/// The local transform engine: runs a request on a fresh, sandboxed in-memory DuckDB per attempt. Output and
/// quarantine folders are emptied first, so a retried attempt replaces its own files and never duplicates rows.
/// </summary>
public sealed class DuckDbTransformEngine : ITransformEngine
{
    /// <summary>Name of the ActivitySource the engine traces attempts with.</summary>
    public const string ActivitySourceName = "Pipeline.Spark";

    static readonly ActivitySource Source = new(ActivitySourceName);

    /// <inheritdoc />
    public Task<TransformResult> RunAsync(TransformRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = RequestPaths.Absolute(request);
        // DuckDB calls block for the length of the job: keep them off the shared thread pool.
        return Task.Factory.StartNew(() => Run(request, cancellationToken), cancellationToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    static TransformResult Run(TransformRequest request, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("transform");
        activity?.SetTag("pipeline.dataset", request.Spec.Id);
        activity?.SetTag("pipeline.run", request.RunId);
        activity?.SetTag("pipeline.files", request.Files.Count);

        var ownTemp = request.TempDir is null;
        var temp = request.TempDir ?? Path.Combine(Path.GetTempPath(), $"pipeline-duckdb-{Guid.NewGuid():N}");
        try
        {
            OutputFolders.Validate(request);
            OutputFolders.Reset(request.OutputDir);
            OutputFolders.Reset(request.QuarantineDir);
            OutputFolders.Create(temp);
            using var connection = EngineDatabase.Open(request, temp);
            var run = new TransformRun(connection, request with { TempDir = temp }, cancellationToken);
            var result = run.Execute();
            activity?.SetTag("pipeline.strategy", run.Strategy);
            activity?.SetTag("pipeline.rows_in", result.RowsIn);
            activity?.SetTag("pipeline.rows_written", result.RowsWritten);
            activity?.SetTag("pipeline.rows_quarantined", result.RowsQuarantined);
            return result;
        }
        catch (Exception e) when (MarkFailed(activity, e))
        {
            throw;
        }
        catch (DuckDBException e)
        {
            throw DuckDbFaults.Translate(e, "Opening DuckDB", cancellationToken);
        }
        finally
        {
            // A caller's temp folder is the caller's to empty, but copies of its inputs are this attempt's.
            TryDelete(ownTemp ? temp : InputFiles.CopyFolder(temp));
        }
    }

    // An exception filter: records the failure on the span without catching anything.
    static bool MarkFailed(Activity? activity, Exception e)
    {
        activity?.SetStatus(ActivityStatusCode.Error, e.Message);
        return false;
    }

    static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A spill folder left behind is harmless; the result is not.
        }
    }
}
