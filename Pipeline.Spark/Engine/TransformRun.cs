using Pipeline.Core.Transform;
using Pipeline.DuckDb;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Sql;
using static Pipeline.Spark.Sql.DuckDbDialect;

namespace Pipeline.Spark.Engine;

/// <summary>
/// One attempt on an open connection: probe the files, plan, then the Direct strategy (one strict COPY) and,
/// if a row or file does not fit, the Staged strategy, which isolates bad files and quarantines bad rows.
/// </summary>
internal sealed class TransformRun(DuckDbConnection connection, TransformRequest request, CancellationToken cancellationToken)
{
    /// <summary>The strategy that produced the result (a span tag).</summary>
    public string Strategy { get; private set; } = "none";

    /// <summary>Runs the attempt.</summary>
    public TransformResult Execute()
    {
        var probe = SourceProbe.Probe(connection, request, cancellationToken);
        var usable = probe.Usable.ToList();
        var quarantined = probe.Quarantined.ToList();
        var tryDirect = true;
        while (true)
        {
            if (usable.Count == 0)
            {
                var reasons = string.Join("; ", quarantined.Select(q => $"{q.SourceKey}: {q.Reason}"));
                throw new TransformException($"No input file of run {request.RunId} is usable. {reasons}", transient: false);
            }

            var plan = TransformPlanner.Plan(request, usable);
            var sql = new DuckDbSql(plan);
            Run("Preparing", $"DROP TABLE IF EXISTS {QuoteName(DuckDbSql.RawTable)}; DROP TYPE IF EXISTS {QuoteName(DuckDbSql.SourceFileType)}; {sql.CreateSourceFileType()}");
            if (tryDirect && !plan.Dedupe && TryDirect(sql, quarantined) is { } result)
            {
                return result;
            }

            tryDirect = false;
            var failed = Stage(plan, sql);
            if (failed.Count == 0)
            {
                return Finish(sql, quarantined);
            }

            // A file failed mid-read: set it aside and plan again without it (its columns may go with it).
            quarantined.AddRange(failed);
            usable.RemoveAll(s => failed.Any(f => f.SourceKey == s.Input.SourceKey));
            OutputFolders.Reset(request.OutputDir);
        }
    }

    TransformResult? TryDirect(DuckDbSql sql, List<QuarantinedFile> quarantined)
    {
        try
        {
            var files = WrittenFiles.Copy(connection, sql.DirectCopy(), request.OutputDir, cancellationToken);
            var rows = files.Sum(f => f.Rows);
            Strategy = "direct";
            return new TransformResult(rows, rows, 0, files, quarantined);
        }
        catch (DuckDbException e) when (!cancellationToken.IsCancellationRequested && e.ErrorType is not (DuckDbErrorType.Interrupt or DuckDbErrorType.OutOfMemory))
        {
            // A row that does not fit (or a file that breaks mid-read): the Staged strategy sorts it out.
            OutputFolders.Reset(request.OutputDir);
            return null;
        }
        catch (DuckDbException e)
        {
            throw DuckDbFaults.Translate(e, "Writing the output", cancellationToken);
        }
    }

    List<QuarantinedFile> Stage(TransformPlan plan, DuckDbSql sql)
    {
        Run("Staging", sql.CreateRawTable());
        var failed = new List<QuarantinedFile>();
        foreach (var source in plan.Sources)
        {
            try
            {
                connection.Execute(sql.InsertRaw(source), cancellationToken);
            }
            catch (DuckDbException e) when (!cancellationToken.IsCancellationRequested && DuckDbFaults.IsFileFault(e, source.Input.Path))
            {
                failed.Add(new QuarantinedFile(source.Input.SourceKey, DuckDbFaults.Clean(e.Message)));
            }
            catch (DuckDbException e)
            {
                throw DuckDbFaults.Translate(e, $"Reading {source.Input.SourceKey}", cancellationToken);
            }
        }

        return failed;
    }

    TransformResult Finish(DuckDbSql sql, List<QuarantinedFile> quarantined)
    {
        Strategy = "staged";
        try
        {
            long rowsIn, bad;
            using (var counts = connection.Query(sql.CountRaw(), [], cancellationToken))
            {
                counts.Read();
                (rowsIn, bad) = (counts.GetInt64(0), counts.GetInt64(1));
            }

            var files = WrittenFiles.Copy(connection, sql.CopyGood(), request.OutputDir, cancellationToken);
            if (bad > 0)
            {
                connection.Execute(sql.CopyBad(), cancellationToken);
            }

            return new TransformResult(rowsIn, files.Sum(f => f.Rows), bad, files, quarantined);
        }
        catch (DuckDbException e)
        {
            throw DuckDbFaults.Translate(e, "Writing the output", cancellationToken);
        }
    }

    void Run(string step, string statements)
    {
        try
        {
            connection.Execute(statements, cancellationToken);
        }
        catch (DuckDbException e)
        {
            throw DuckDbFaults.Translate(e, step, cancellationToken);
        }
    }
}
