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

    readonly LineRescue _rescue = new(connection, request, cancellationToken);

    // Per file: rows read, and the rows that did not fit by reason (filled by the strategy that wrote the output).
    readonly Dictionary<string, (long Rows, List<SetAside> Faults)> _tally = new(StringComparer.Ordinal);

    /// <summary>The strategy that produced the result (a span tag).</summary>
    public string Strategy { get; private set; } = "none";

    /// <summary>Runs the attempt; the result says how each file was read and what was set aside from it.</summary>
    public TransformResult Execute()
    {
        var probe = SourceProbe.Probe(connection, request, _rescue, cancellationToken);
        var result = Execute(probe);
        var lines = _rescue.Lines(Path.Combine(request.QuarantineDir, $"{TransformPlanner.SafeFilePrefix(request.RunId)}_lines.ndjson"));
        return result with { Sources = Reports(probe, result, lines) };
    }

    List<SourceReport> Reports(ProbeResult probe, TransformResult result, Dictionary<string, List<SetAside>> lines)
    {
        var quarantined = result.QuarantinedFiles.ToDictionary(q => q.SourceKey, q => q.Reason, StringComparer.Ordinal);
        var reports = new List<SourceReport>();
        foreach (var key in request.Files.Select(f => f.SourceKey).Distinct(StringComparer.Ordinal))
        {
            var (rows, faults) = _tally.GetValueOrDefault(key, (0, []));
            var setAside = lines.GetValueOrDefault(key, []).Concat(faults).OrderByDescending(s => s.Count).ToList();
            reports.Add(new SourceReport(key, probe.CsvDialects.GetValueOrDefault(key), rows, setAside, quarantined.GetValueOrDefault(key)));
        }

        return reports;
    }

    TransformResult Execute(ProbeResult probe)
    {
        var (usable, frozen, drift) = DriftPolicy.Apply(request, probe.Usable);
        return Execute(usable, [.. probe.Quarantined, .. frozen]) with { SchemaDrift = drift };
    }

    TransformResult Execute(List<SourceSchema> usable, List<QuarantinedFile> quarantined)
    {
        // Nothing readable (all files empty or quarantined): the run succeeds with nothing written and
        // every bad file listed, so one bad file never fails a run.
        if (usable.Count == 0)
        {
            Strategy = "empty";
            return new TransformResult(0, 0, 0, [], quarantined);
        }

        var plan = TransformPlanner.Plan(request, usable);
        CheckSqlExpectations(plan);
        Run("Preparing", new DuckDbSql(plan).CreateSourceFileType());
        // Expectations are judged over staged rows before anything is written, so they need the Staged strategy.
        if (!plan.Dedupe && request.Spec.Expectations is not { Count: > 0 } && plan.Sources.Count <= MaxDirectFiles && TryDirect(new DuckDbSql(plan), quarantined) is { } result)
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

    // A sql expectation that does not bind over the run's columns is the definition's fault, not the files': the run
    // fails naming it, rather than every file failing to stage.
    void CheckSqlExpectations(TransformPlan plan)
    {
        var expectations = new RowExpressions(plan, DuckDbDialect.Instance).Expectations;
        foreach (var index in expectations.SqlChecks)
        {
            try
            {
                connection.Execute(expectations.Probe(index), cancellationToken);
            }
            catch (DuckDBException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw TransformPlanner.SpecError(
                    $"Expectation '{expectations.All[index].Name}': its sql does not apply to the run's columns ({string.Join(", ", plan.Columns.Select(c => c.Name))}): " +
                    $"{e.Message.Split(Environment.NewLine)[0]}");
            }
        }
    }

    TransformResult? TryDirect(DuckDbSql sql, List<QuarantinedFile> quarantined)
    {
        try
        {
            var files = WrittenFiles.Copy(connection, sql.DirectCopy(), request.OutputDir, cancellationToken);
            var rows = files.Sum(f => f.Rows);
            Strategy = "direct";
            TallyWritten(files, rows);
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
                string WholeFile() => FileFaultReason.For(connection, request, source.Input, source.Format, source.Csv, e, cancellationToken);
                if (Rescue(sql, source, e, WholeFile) is { } reason)
                {
                    failed.Add(new QuarantinedFile(source.Input.SourceKey, reason));
                }
            }
            catch (DuckDBException e)
            {
                throw DuckDbFaults.Translate(e, $"Reading {source.Input.SourceKey}", cancellationToken);
            }
        }

        return failed;
    }

    // A file whose plain read failed: its good lines are staged when its bytes are text and few enough lines are bad.
    string? Rescue(DuckDbSql sql, SourcePlan source, DuckDBException error, Func<string> wholeFile)
    {
        if (!LineRescue.Rescuable(source.Input.Path, source.Format, source.Csv, request.Spec, error.Message))
        {
            return wholeFile();
        }

        if (source.Format == SourceFormat.Csv)
        {
            return _rescue.StageCsv(sql, source, wholeFile);
        }

        if (_rescue.SplitNdJson(source.Input, wholeFile, out var reason) is not { } copy)
        {
            return reason;
        }

        try
        {
            connection.Execute(sql.InsertRaw(source with { Input = copy }), cancellationToken);
            return null;
        }
        catch (DuckDBException e) when (!cancellationToken.IsCancellationRequested && e.Category() is not DuckDBErrorType.Interrupt)
        {
            // Not a matter of lines after all: the file is set aside whole, with the reason its plain read gave.
            _rescue.Forget(source.Input.SourceKey);
            return wholeFile();
        }
    }

    TransformResult Finish(DuckDbSql sql, List<QuarantinedFile> quarantined)
    {
        Strategy = "staged";
        try
        {
            var checks = new Dictionary<int, RowFault>();
            var (rowsIn, bad) = connection.Read(sql.Tally(), reader => ReadTally(reader, checks), cancellationToken);
            var tally = sql.HasExpectations ? connection.Read(sql.ExpectationTally(), ReadRow, cancellationToken) : null;
            var files = WrittenFiles.Copy(connection, sql.CopyGood(), request.OutputDir, cancellationToken);
            var written = files.Sum(f => f.Rows);
            var expectations = tally is null ? [] : ExpectationOutcome.Judge(request.Spec.Expectations!, tally, written, request.IngestedAt);
            if (ExpectationOutcome.Failure(expectations) is { } failure)
            {
                throw failure;
            }

            if (bad > 0)
            {
                connection.Execute(sql.CopyBad(), cancellationToken);
            }

            var faults = checks.Values.OrderByDescending(f => f.Rows).ToList();
            return new TransformResult(rowsIn, written, bad, files, quarantined, faults) { Expectations = expectations };
        }
        catch (DuckDBException e)
        {
            throw DuckDbFaults.Translate(e, "Writing the output", cancellationToken);
        }
    }

    static object?[] ReadRow(DuckDBDataReader reader)
    {
        reader.Read();
        var values = new object?[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return values;
    }

    // Rows per file, and per check the rows that fail it: by file into the tally, summed over files into `checks`.
    (long Rows, long Bad) ReadTally(DuckDBDataReader reader, Dictionary<int, RowFault> checks)
    {
        var (rows, bad) = (0L, 0L);
        while (reader.Read())
        {
            var faults = new List<SetAside>();
            for (var i = 3; i + 1 < reader.FieldCount; i += 2)
            {
                if (reader.GetInt64(i) is var failed and > 0)
                {
                    var example = reader.GetString(i + 1);
                    faults.Add(new SetAside(SetAside.Row, example, failed));
                    checks[i] = checks.TryGetValue(i, out var sum) ? sum with { Rows = sum.Rows + failed } : new RowFault(failed, example);
                }
            }

            _tally[reader.GetString(0)] = (reader.GetInt64(1), faults);
            rows += reader.GetInt64(1);
            bad += reader.GetInt64(2);
        }

        return (rows, bad);
    }

    // Direct wrote every row read: one file's count is the total, several files' come from the output's lineage column.
    void TallyWritten(List<WrittenFile> files, long rows)
    {
        var keys = request.Files.Select(f => f.SourceKey).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 1 || files.Count == 0)
        {
            _tally[keys[0]] = (rows, []);
            return;
        }

        var paths = string.Join(", ", files.Select(f => DuckDbDialect.LiteralOf(Path.Combine(request.OutputDir, f.RelativePath))));
        connection.Read($"SELECT CAST({QuoteName(ReservedColumns.SourceFile)} AS VARCHAR), count(*) FROM read_parquet([{paths}]) GROUP BY 1",
            reader =>
            {
                while (reader.Read())
                {
                    _tally[reader.GetString(0)] = (reader.GetInt64(1), []);
                }

                return 0;
            }, cancellationToken);
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
