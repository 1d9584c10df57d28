using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pipeline.Aws.Athena;
using Pipeline.Core.Lake;
using Pipeline.Core.Queries;

namespace Pipeline.Silo.Queries;

/// <summary>
/// Runs a query execution's SQL on Athena over the Glue database the catalog writes: started once per execution
/// (the execution id is the client request token), followed to its end, its result paged into the same result files
/// the DuckDB engine writes, so the query API pages through either alike. Cancelling stops the Athena query.
/// </summary>
/// <param name="outputLocation">Where Athena writes its result CSV (<c>s3://...</c>).</param>
public sealed class AthenaQueries(AthenaClient athena, AthenaOptions options, string database, string outputLocation, ILakeStore lake,
    TimeProvider time, int maxResultRows)
{
    /// <summary>Runs <paramref name="record"/>'s SQL; returns the bytes Athena scanned. Throws <see cref="QueryRejectedException"/> when Athena fails it.</summary>
    public async Task<long> ExecuteAsync(QueryRecord record, CancellationToken cancellationToken)
    {
        if (AthenaSql.Problem(record.Sql) is { } problem)
        {
            throw new QueryRejectedException(problem);
        }

        // Athena keeps the text: the comment ties its history to the execution and to the trace.
        var sql = $"-- pipeline query {record.Id} traceparent {Activity.Current?.Id ?? "none"}\n{record.Sql}";
        var id = await athena.StartQueryExecutionAsync(new StartQueryExecutionRequest(sql, Token(record.Id),
            new QueryExecutionContext(database, "AwsDataCatalog"), new ResultConfiguration(outputLocation), options.WorkGroup), cancellationToken);
        Activity.Current?.SetTag("pipeline.athena.query_execution_id", id);
        Aws.Athena.QueryExecution execution;
        try
        {
            while (true)
            {
                execution = await athena.GetQueryExecutionAsync(id, cancellationToken);
                var state = execution.Status?.State;
                if (state == "SUCCEEDED")
                {
                    break;
                }

                if (state is "FAILED" or "CANCELLED")
                {
                    throw new QueryRejectedException($"Athena query {id} {state}: {execution.Status?.AthenaError?.ErrorMessage ?? execution.Status?.StateChangeReason}");
                }

                await Task.Delay(options.PollInterval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            await athena.StopQueryExecutionAsync(id, CancellationToken.None);
            throw;
        }

        await WriteResultsAsync(record, id, cancellationToken);
        return execution.Statistics?.DataScannedInBytes ?? 0;
    }

    async Task WriteResultsAsync(QueryRecord record, string id, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"pipeline-athena-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var (csvPath, rowsPath) = (Path.Combine(folder, "results.csv"), Path.Combine(folder, "rows.jsonl"));
            await using (var csv = new StreamWriter(csvPath))
            await using (var rows = new StreamWriter(rowsPath))
            {
                string? next = null;
                var first = true;
                List<ColumnInfo> columns = [];
                do
                {
                    var page = await athena.GetQueryResultsAsync(id, next, AthenaClient.MaxPage, cancellationToken);
                    if (first)
                    {
                        columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
                        record.Columns = [.. columns.Select(c => new ResultColumn(c.Name, TypeOf(c)))];
                        await csv.WriteLineAsync(string.Join(',', columns.Select(c => CsvFormat.Field(c.Name))));
                    }

                    // A SELECT's first row is its column names.
                    foreach (var row in (page.ResultSet?.Rows ?? []).Skip(first ? 1 : 0))
                    {
                        if (record.RowCount == maxResultRows)
                        {
                            record.Truncated = true;
                            next = null;
                            break;
                        }

                        var values = columns.Select((c, i) => Value(c, row.Data is { } data && i < data.Count ? data[i].VarCharValue : null)).ToArray();
                        await csv.WriteLineAsync(string.Join(',', values.Select(CsvFormat.Value)));
                        await rows.WriteLineAsync(JsonSerializer.Serialize(values.Select(ResultValues.ToJson), ResultValues.Json));
                        record.RowCount++;
                    }

                    first = false;
                    next = record.Truncated ? null : page.NextToken;
                }
                while (!string.IsNullOrEmpty(next));
            }

            await lake.PutFileAsync(rowsPath, QueryService.RowsKey(record.Id), move: true, cancellationToken);
            await lake.PutFileAsync(csvPath, QueryService.ResultsKey(record.Id), move: true, cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Athena's request tokens have 32-128 characters; the execution id makes the start idempotent.
    static string Token(string queryId) => ("pipeline-query-" + queryId).PadRight(32, '-');

    // Athena's type names as the DuckDB names the API reports for its own results.
    static string TypeOf(ColumnInfo column) => column.Type.ToLowerInvariant() switch
    {
        "varchar" or "char" or "string" => "VARCHAR",
        "integer" or "int" => "INTEGER",
        "decimal" => $"DECIMAL({column.Precision ?? 38},{column.Scale ?? 0})",
        "timestamp with time zone" => "TIMESTAMP WITH TIME ZONE",
        var other => other.ToUpperInvariant(),
    };

    // Athena gives every value as text: numbers and booleans become JSON numbers and booleans again.
    static object? Value(ColumnInfo column, string? text) => text is null ? null : column.Type.ToLowerInvariant() switch
    {
        "tinyint" or "smallint" or "integer" or "int" or "bigint" when long.TryParse(text, CultureInfo.InvariantCulture, out var l) => l,
        "decimal" when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var m) => m,
        "double" or "float" or "real" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        "boolean" => text == "true",
        _ => text,
    };
}
