using Pipeline.Core.Tables;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Core.Lake;
using Pipeline.Core.Queries;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Pipeline.Spark.DuckDb;
using Pipeline.Silo.Catalog;

namespace Pipeline.Silo.Queries;

public sealed partial class QueryService
{
    async Task<long> ExecuteAsync(QueryRecord record, IReadOnlyList<TableSource> tables, CancellationToken cancellationToken)
    {
        using var sandbox = await QuerySandbox.OpenAsync(lake, tables, silo.Value.EngineMemoryLimit, silo.Value.EngineThreads,
            silo.Value.ScratchFolder, cancellationToken);
        CheckReadOnly(sandbox.Connection, record.Sql);
        var csv = Path.Combine(sandbox.Scratch, "results.csv");
        var rows = Path.Combine(sandbox.Scratch, "rows.jsonl");
        record.Columns = ResultReader.Describe(sandbox.Connection, record.Sql, cancellationToken);
        sandbox.Connection.Read(ResultReader.Readable(record.Sql, record.Columns), reader => WriteRows(record, reader, csv, rows, cancellationToken), cancellationToken);
        await lake.PutFileAsync(rows, RowsKey(record.Id), move: true, cancellationToken);
        await lake.PutFileAsync(csv, ResultsKey(record.Id), move: true, cancellationToken);
        return tables.Where(t => Mentions(record.Sql, t.Name)).Sum(t => t.Bytes);
    }

    long WriteRows(QueryRecord record, DuckDBDataReader reader, string csvPath, string rowsPath, CancellationToken cancellationToken)
    {
        using var csv = new StreamWriter(csvPath);
        using var rows = new StreamWriter(rowsPath);
        csv.WriteLine(string.Join(',', record.Columns.Select(c => CsvFormat.Field(c.Name))));
        var scales = ResultReader.DecimalScales(record.Columns);
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (record.RowCount == options.Value.MaxResultRows)
            {
                record.Truncated = true;
                break;
            }

            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ResultReader.Value(reader, i, scales[i]);
            }

            csv.WriteLine(string.Join(',', values.Select(CsvFormat.Value)));
            rows.WriteLine(JsonSerializer.Serialize(values.Select(ResultValues.ToJson), ResultValues.Json));
            record.RowCount++;
        }

        return record.RowCount;
    }

    // Only read statements run, judged by DuckDB's own classification of each statement.
    static void CheckReadOnly(DuckDBConnection connection, string sql)
    {
        var check = DuckDbStatements.Check(connection, sql);
        if (check.Error is { } error)
        {
            throw new QueryRejectedException(error);
        }

        if (check.Types.Count == 0)
        {
            throw new QueryRejectedException("The SQL text holds no statement.");
        }

        for (var i = 0; i < check.Types.Count; i++)
        {
            if (check.Types[i] is not DuckDbStatementType.Select)
            {
                throw new QueryRejectedException(
                    $"Statement {i + 1} is {check.Types[i]}: only SELECT statements can run through the query API.");
            }
        }

        if (check.Types.Count > 1)
        {
            throw new QueryRejectedException($"The SQL text holds {check.Types.Count} statements; send one SELECT per query.");
        }
    }

    // An upper bound of the bytes read: the committed files of every table the text names.
    static bool Mentions(string sql, string table) =>
        Regex.IsMatch(sql, $@"(?<![A-Za-z0-9_]){Regex.Escape(table)}(?![A-Za-z0-9_])", RegexOptions.IgnoreCase);
}
