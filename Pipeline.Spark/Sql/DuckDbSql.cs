using System.Globalization;
using System.Text;
using Pipeline.Spark.Planning;
using static Pipeline.Spark.Sql.DuckDbDialect;

namespace Pipeline.Spark.Sql;

/// <summary>
/// The DuckDB statements of a planned run. Two strategies share the same reads and expressions:
/// <list type="bullet">
/// <item><b>Direct</b>: one COPY from the files to Parquet, values converted by the readers (CSV columns
/// typed in read_csv) or strict casts; any row that does not fit makes it fail. One pass over the data:
/// the fast path for clean data without a primary key.</item>
/// <item><b>Staged</b>: each file inserted into a temp table of raw values (a file that fails is set
/// aside alone), then good rows (deduplicated) and bad rows (with reasons) copied out of it.</item>
/// </list>
/// </summary>
internal sealed class DuckDbSql(TransformPlan plan)
{
    /// <summary>The ENUM type of <c>_source_file</c>.</summary>
    public const string SourceFileType = "__pipeline_source_file";

    /// <summary>The staged raw rows.</summary>
    public const string RawTable = "__pipeline_raw";

    const string RowsAlias = "__pipeline_rows";

    readonly RowExpressions _rows = new(plan, Instance);
    readonly DuckDbSourceSelects _sources = new(plan);

    /// <summary>Where quarantined rows are written.</summary>
    public string QuarantineFile => Path.Combine(plan.Request.QuarantineDir, $"{plan.FilePrefix}_rows.ndjson");

    // Constant lineage strings as ENUMs: Parquet gets a dictionary-encoded string column without hashing each
    // row's value (measurably cheaper than a VARCHAR constant on wide files).
    /// <summary>Creates the ENUM type holding every source key of the run.</summary>
    public string CreateSourceFileType() =>
        $"CREATE TYPE {QuoteName(SourceFileType)} AS ENUM ({string.Join(", ", plan.Sources.Select(s => s.Input.SourceKey).Distinct().Select(LiteralOf))})";

    /// <summary>The Direct strategy: one COPY, strict; fails on the first row that does not fit.</summary>
    public string DirectCopy()
    {
        var union = string.Join("\nUNION ALL\n", plan.Sources.Select(_sources.Typed));
        return Copy($"SELECT {OutputColumns(typed: true)}\nFROM (\n{union}\n) AS {QuoteName(RowsAlias)}");
    }

    /// <summary>Creates the staged raw table.</summary>
    public string CreateRawTable()
    {
        var columns = plan.Columns.Select(c => $"{QuoteName(c.Name)} {c.RawType}")
            .Append($"{QuoteName(ReservedColumns.SourceFile)} {QuoteName(SourceFileType)}");
        if (plan.Dedupe)
        {
            columns = columns.Append($"{QuoteName(ReservedColumns.Arrival)} BIGINT").Append($"{QuoteName(ReservedColumns.Row)} BIGINT");
        }

        columns = columns.Concat(_rows.Expectations.SqlChecks.Select(i => $"{QuoteName(ExpectationExpressions.SqlColumn(i))} BOOLEAN"));
        return $"CREATE TEMP TABLE {QuoteName(RawTable)} ({string.Join(", ", columns)})";
    }

    /// <summary>Stages one file's raw rows.</summary>
    public string InsertRaw(SourcePlan source) => $"INSERT INTO {QuoteName(RawTable)}\n{Checked(_sources.Raw(source))}";

    /// <summary>Stages one file's rows read by <paramref name="read"/> (a rescue read), numbered on from <paramref name="rowOffset"/>.</summary>
    public string InsertRaw(SourcePlan source, string read, long rowOffset) =>
        $"INSERT INTO {QuoteName(RawTable)}\n{Checked(_sources.Raw(source, read, rowOffset))}";

    // The file's rows with the sql expectations judged over their typed values.
    string Checked(string raw) => _rows.Expectations.WithSqlChecks(raw);

    /// <summary>True when the dataset has expectations: the run is staged so they can be judged before anything is written.</summary>
    public bool HasExpectations => _rows.Expectations.All.Count > 0;

    /// <summary>One row: the rows checked, then per expectation its failures and an example (<see cref="ExpectationExpressions.Tally"/>).</summary>
    public string ExpectationTally() =>
        $"SELECT {string.Join(",\n  ", _rows.Expectations.Tally(QuoteName(RawTable), TableKeys))}\nFROM {QuoteName(RawTable)}";

    // The primary key's values in the table's files, but for this run's own earlier output (a reprocess replaces it).
    string? TableKeys(string column) =>
        plan.Request.TableFiles is { Count: > 0 } files && plan.PrimaryKey.Count == 1 && ReservedColumns.Names.Equals(plan.PrimaryKey[0].Name, column)
            ? $"read_parquet([{string.Join(", ", files.Select(LiteralOf))}], union_by_name = true) WHERE CAST({QuoteName(ReservedColumns.RunId)} AS VARCHAR) <> {LiteralOf(plan.Request.RunId)}"
            : null;

    /// <summary>Unstages one file's rows: it is quarantined whole after all.</summary>
    public static string DeleteRaw(string sourceKey) =>
        $"DELETE FROM {QuoteName(RawTable)} WHERE {QuoteName(ReservedColumns.SourceFile)} = {LiteralOf(sourceKey)}";

    /// <summary>
    /// Per file (<c>_source_file</c> as text): rows staged, rows that fail a check, then for each check in
    /// <see cref="RowExpressions.Checks"/> order the rows that fail it and one of their reasons (<c>failed_i</c>,
    /// <c>example_i</c>), so a run can say per file which columns quarantined rows and why.
    /// </summary>
    public string Tally()
    {
        var checks = _rows.Checks().Select((c, i) =>
            $", count(*) FILTER (WHERE {c.Predicate}) AS failed_{i}, min({c.Reason}) FILTER (WHERE {c.Predicate}) AS example_{i}");
        return $"SELECT CAST({QuoteName(ReservedColumns.SourceFile)} AS VARCHAR), count(*), count(*) FILTER (WHERE {_rows.Bad()}){string.Concat(checks)}\n" +
            $"FROM {QuoteName(RawTable)} GROUP BY 1";
    }

    /// <summary>Writes the staged rows that pass every check, the latest per primary key.</summary>
    public string CopyGood()
    {
        var sql = new StringBuilder($"SELECT {OutputColumns(typed: false)}\nFROM {QuoteName(RawTable)}\nWHERE NOT ({_rows.Bad()})");
        if (plan.Dedupe)
        {
            sql.Append($"\nQUALIFY row_number() OVER (PARTITION BY {string.Join(", ", plan.PrimaryKey.Select(k => _rows.Value(k)))} ")
                .Append($"ORDER BY {QuoteName(ReservedColumns.Arrival)} DESC, {QuoteName(ReservedColumns.Row)} DESC) = 1");
        }

        return Copy(sql.ToString());
    }

    /// <summary>Writes the staged rows that fail a check, as they arrived, with the reason and source file.</summary>
    public string CopyBad()
    {
        var columns = plan.Columns.Where(c => !ReservedColumns.Names.Equals(c.Name, ReservedColumns.Reason)).Select(c => QuoteName(c.Name))
            .Append($"{_rows.Reason()} AS {QuoteName(ReservedColumns.Reason)}")
            .Append(QuoteName(ReservedColumns.SourceFile));
        return $"COPY (SELECT {string.Join(", ", columns)}\nFROM {QuoteName(RawTable)}\nWHERE {_rows.Bad()}) TO {LiteralOf(QuarantineFile)} (FORMAT json)";
    }

    string OutputColumns(bool typed)
    {
        var request = plan.Request;
        var columns = plan.Columns.Select(c => $"{_rows.Value(c, typed)} AS {QuoteName(c.Name)}")
            .Append(QuoteName(ReservedColumns.SourceFile))
            .Append($"{Instance.TimestampTz(request.IngestedAt)} AS {QuoteName(ReservedColumns.IngestedAt)}")
            .Append($"CAST({LiteralOf(request.RunId)} AS ENUM({LiteralOf(request.RunId)})) AS {QuoteName(ReservedColumns.RunId)}");
        foreach (var partition in plan.DerivedPartitions)
        {
            var value = _rows.Partition(partition, typed);
            // Direct has no quarantine: a row without a partition value must stop the COPY.
            var guarded = typed
                ? $"coalesce({value}, error({LiteralOf($"pipeline: a row has no value for partition column {partition.Name}")}))"
                : value;
            columns = columns.Append($"{guarded} AS {QuoteName(partition.Name)}");
        }

        return string.Join(",\n  ", columns);
    }

    // zstd level 1 costs about what snappy does; the default level 3 added ~20% CPU to a 100 MB CSV run.
    string Copy(string select)
    {
        var request = plan.Request;
        var options = "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1";
        if (MemoryBudget.Of(request).RowGroupBytes is { } rowGroup)
        {
            options += $", ROW_GROUP_SIZE_BYTES {rowGroup.ToString(CultureInfo.InvariantCulture)}";
        }

        if (plan.Partitions.Count > 0)
        {
            return $"COPY (\n{select}\n) TO {LiteralOf(request.OutputDir)} ({options}, " +
                $"PARTITION_BY ({string.Join(", ", plan.Partitions.Select(p => QuoteName(p.Name)))}), " +
                $"FILENAME_PATTERN {LiteralOf(plan.FilePrefix + "_{i}")}, RETURN_STATS)";
        }

        return $"COPY (\n{select}\n) TO {LiteralOf(Path.Combine(request.OutputDir, plan.FilePrefix + "_0.parquet"))} ({options}, RETURN_STATS)";
    }
}
