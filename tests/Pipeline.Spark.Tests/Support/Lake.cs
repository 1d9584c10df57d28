using DuckDB.NET.Data;
using Pipeline.Spark.DuckDb;

namespace Pipeline.Spark.Tests.Support;

/// <summary>Reads written Parquet and NDJSON back with DuckDB (unsandboxed), to assert on real outcomes.</summary>
public sealed class Lake : IDisposable
{
    readonly DuckDBConnection _connection = DuckDbOpen.Plain();

    /// <summary>Opens an in-memory DuckDB reading times in UTC.</summary>
    public Lake() => _connection.Execute("SET TimeZone = 'UTC'");

    /// <summary>SQL reading every Parquet file below <paramref name="folder"/>, Hive partitions as columns.</summary>
    public static string Parquet(string folder) =>
        $"read_parquet('{folder.Replace("'", "''", StringComparison.Ordinal)}/**/*.parquet', hive_partitioning=true)";

    /// <summary>SQL reading every NDJSON file below <paramref name="folder"/>.</summary>
    public static string Json(string folder) =>
        $"read_json('{folder.Replace("'", "''", StringComparison.Ordinal)}/**/*.ndjson', format='newline_delimited')";

    /// <summary>All rows of a query, each value as DuckDB's own text (NULL as null).</summary>
    public List<string?[]> Rows(string sql) =>
        _connection.Read($"SELECT CAST(COLUMNS(*) AS VARCHAR) FROM ({sql})", reader =>
        {
            var rows = new List<string?[]>();
            while (reader.Read())
            {
                var row = new string?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetString(i);
                }

                rows.Add(row);
            }

            return rows;
        });

    /// <summary>Each row as its values joined with '|' (NULL spelled out): easy to compare whole.</summary>
    public List<string> Lines(string sql) => Rows(sql).Select(r => string.Join("|", r.Select(v => v ?? "NULL"))).ToList();

    /// <summary>The first value of a query as text.</summary>
    public string? Value(string sql) => Rows(sql).FirstOrDefault()?[0];

    /// <summary>The lines a run set aside (its quarantine's <c>*_lines.ndjson</c>) as <c>file|line|reason|text</c>, in file and line order.</summary>
    public List<string> SetAsideLines(string quarantineDir) =>
        Directory.Exists(quarantineDir) && Directory.GetFiles(quarantineDir, "*_lines.ndjson") is [var file]
            ? Lines($"SELECT concat_ws('|', _source_file, _line, _reason, _text) FROM read_json('{file}') ORDER BY _source_file, _line")
            : [];

    /// <summary>Column name to DuckDB type of a query.</summary>
    public Dictionary<string, string> Types(string sql)
    {
        return _connection.Read($"DESCRIBE {sql}", reader =>
        {
            var types = new Dictionary<string, string>();
            while (reader.Read())
            {
                types[reader.GetString(0)] = reader.GetString(1);
            }

            return types;
        });
    }

    /// <summary>Runs a statement.</summary>
    public void Execute(string sql) => _connection.Execute(sql);

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
    }
}
