using System.Text.RegularExpressions;
using Pipeline.Core.Lake;
using Pipeline.Core.Queries;
using Pipeline.DuckDb;
using Pipeline.Silo.Catalog;

namespace Pipeline.Silo.Queries;

public sealed partial class QueryService
{
    async Task<long> RunAsync(QueryRecord record, IReadOnlyList<TableSource> tables, CancellationToken cancellationToken)
    {
        using var sandbox = await QuerySandbox.OpenAsync(lake, tables, silo.Value.EngineMemoryLimit, silo.Value.EngineThreads,
            silo.Value.ScratchFolder, cancellationToken);
        CheckReadOnly(sandbox.Connection, record.Sql);
        var key = $"{LakeLayout.QueryResults}/{record.Id}.csv";
        var path = Path.Combine(sandbox.Scratch, "results.csv");
        using var reader = sandbox.Connection.Query(record.Sql, [], cancellationToken);
        record.Columns = Enumerable.Range(0, reader.FieldCount).Select(i => new ResultColumn(reader.GetName(i), reader.GetTypeName(i))).ToList();
        using (var csv = new StreamWriter(path))
        {
            csv.WriteLine(string.Join(',', record.Columns.Select(c => CsvFormat.Field(c.Name))));
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (record.Rows.Count == options.Value.MaxResultRows)
                {
                    record.Truncated = true;
                    break;
                }

                var values = reader.GetValues();
                csv.WriteLine(string.Join(',', values.Select(CsvFormat.Value)));
                record.Rows.Add(values.Select(ResultValues.ToJson).ToArray());
            }
        }

        await lake.PutFileAsync(path, key, move: true, cancellationToken);
        record.ResultsKey = key;
        return tables.Where(t => Mentions(record.Sql, t.Name)).Sum(t => t.Bytes);
    }

    // Only read statements run, judged by DuckDB's own classification of each statement.
    static void CheckReadOnly(DuckDbConnection connection, string sql)
    {
        var statements = connection.ExtractStatements(sql);
        if (statements.Count == 0)
        {
            throw new QueryRejectedException("The SQL text holds no statement.");
        }

        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i].StatementType is not DuckDbStatementType.Select)
            {
                throw new QueryRejectedException(
                    $"Statement {i + 1} is {statements[i].StatementType}: only SELECT statements can run through the query API.");
            }
        }

        if (statements.Count > 1)
        {
            throw new QueryRejectedException($"The SQL text holds {statements.Count} statements; send one SELECT per query.");
        }
    }

    // An upper bound of the bytes read: the committed files of every table the text names.
    static bool Mentions(string sql, string table) =>
        Regex.IsMatch(sql, $@"(?<![A-Za-z0-9_]){Regex.Escape(table)}(?![A-Za-z0-9_])", RegexOptions.IgnoreCase);
}
