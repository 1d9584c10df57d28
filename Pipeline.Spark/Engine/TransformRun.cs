using Pipeline.Core.Transform;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Pipeline.Spark.DuckDb;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Sql;
using static Pipeline.Spark.Sql.DuckDbDialect;

namespace Pipeline.Spark.Engine;

/// <summary>
/// One attempt on an open connection: probe the files, plan, then the Direct strategy (one strict COPY) and,
/// if a row or file does not fit, the Staged strategy, which isolates bad files and quarantines bad rows.
/// </summary>
internal sealed class TransformRun(DuckDBConnection connection, TransformRequest request, CancellationToken cancellationToken)
{
    // One COPY over a UNION ALL of every file: beyond this many branches DuckDB's binder nears its depth limit
    // and per-file staging (which also sniffs per file) is the safer way; large batches are small files anyway.
    const int MaxDirectFiles = 64;

    /// <summary>The strategy that produced the result (a span tag).</summary>
    public string Strategy { get; private set; } = "none";

    /// <summary>Runs the attempt; the result says how each CSV file was read.</summary>
    public TransformResult Execute()
    {
        var probe = SourceProbe.Probe(connection, request, cancellationToken);
        return Execute(probe) with { CsvDialects = probe.CsvDialects };
    }

    TransformResult Execute(ProbeResult probe)
    {
        var usable = probe.Usable.ToList();
        var quarantined = probe.Quarantined.ToList();
        // Nothing readable (all files empty or quarantined): the run succeeds with nothing written and
        // every bad file listed, so one bad file never fails a run.
        if (usable.Count == 0)
        {
            Strategy = "empty";
            return new TransformResult(0, 0, 0, [], quarantined);
        }

        var plan = TransformPlanner.Plan(request, usable);
        Run("Preparing", new DuckDbSql(plan).CreateSourceFileType());
        if (!plan.Dedupe && plan.Sources.Count <= MaxDirectFiles && TryDirect(new DuckDbSql(plan), quarantined) is { } result)
        {
            return result;
        }

        Run("Staging", new DuckDbSql(plan).CreateRawTable());
        while (true)
        {
            var failed = Stage(plan, new DuckDbSql(plan));
            if (failed.Count == 0)
            {
                return Finish(new DuckDbSql(plan), quarantined);
            }

            // A file failed mid-read (its insert rolled back): set it aside and plan without it. When its
            // absence changes no column, the rows staged so far are exactly the usable files' rows.
            quarantined.AddRange(failed);
            usable.RemoveAll(s => failed.Any(f => f.SourceKey == s.Input.SourceKey));
            if (usable.Count == 0)
            {
                Strategy = "empty";
                return new TransformResult(0, 0, 0, [], quarantined);
            }

            // The _source_file ENUM made for the first plan stays: its extra labels are harmless.
            var next = TransformPlanner.Plan(request, usable);
            if (next.Columns.SequenceEqual(plan.Columns))
            {
                return Finish(new DuckDbSql(next), quarantined);
            }

            plan = next;
            Run("Staging", $"DROP TABLE {QuoteName(DuckDbSql.RawTable)}; {new DuckDbSql(plan).CreateRawTable()}");
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
        catch (DuckDBException e) when (!cancellationToken.IsCancellationRequested && e.Category() is not DuckDBErrorType.Interrupt)
        {
            // A row that does not fit, a file that breaks mid-read, or memory: the Staged strategy sorts it out, and
            // it reads one file at a time into a table that spills, so it fits where one COPY over every file did not.
            OutputFolders.Reset(request.OutputDir);
            return null;
        }
        catch (DuckDBException e)
        {
            throw DuckDbFaults.Translate(e, "Writing the output", cancellationToken);
        }
    }

    List<QuarantinedFile> Stage(TransformPlan plan, DuckDbSql sql)
    {
        var failed = new List<QuarantinedFile>();
        foreach (var source in plan.Sources)
        {
            try
            {
                connection.Execute(sql.InsertRaw(source), cancellationToken);
            }
            catch (DuckDBException e) when (!cancellationToken.IsCancellationRequested && DuckDbFaults.IsFileFault(e, source.Input.Path))
            {
                failed.Add(new QuarantinedFile(source.Input.SourceKey, FileFaultReason.For(connection, request, source.Input, source.Format, source.Csv, e, cancellationToken)));
            }
            catch (DuckDBException e)
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
            var (rowsIn, bad) = connection.Read(sql.CountRaw(), counts => counts.Read() ? (counts.GetInt64(0), counts.GetInt64(1)) : (0, 0), cancellationToken);

            var files = WrittenFiles.Copy(connection, sql.CopyGood(), request.OutputDir, cancellationToken);
            var faults = new List<RowFault>();
            if (bad > 0)
            {
                connection.Execute(sql.CopyBad(), cancellationToken);
                faults = RowFaults(sql);
            }

            return new TransformResult(rowsIn, files.Sum(f => f.Rows), bad, files, quarantined, faults);
        }
        catch (DuckDBException e)
        {
            throw DuckDbFaults.Translate(e, "Writing the output", cancellationToken);
        }
    }

    List<RowFault> RowFaults(DuckDbSql sql) => connection.Read(sql.SummarizeBad(), ReadRowFaults, cancellationToken);

    static List<RowFault> ReadRowFaults(DuckDBDataReader reader)
    {
        var faults = new List<RowFault>();
        reader.Read();
        for (var i = 0; i + 1 < reader.FieldCount; i += 2)
        {
            if (reader.GetInt64(i) > 0)
            {
                faults.Add(new RowFault(reader.GetInt64(i), reader.GetString(i + 1)));
            }
        }

        return faults.OrderByDescending(f => f.Rows).ToList();
    }

    void Run(string step, string statements)
    {
        try
        {
            connection.Execute(statements, cancellationToken);
        }
        catch (DuckDBException e)
        {
            throw DuckDbFaults.Translate(e, step, cancellationToken);
        }
    }
}
