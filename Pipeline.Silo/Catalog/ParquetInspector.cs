using System.Globalization;
using Pipeline.Core.Tables;
using Pipeline.Spark.DuckDb;

namespace Pipeline.Silo.Catalog;

/// <summary>What the catalog records of some Parquet files: their columns together, and rows per file.</summary>
public sealed record ParquetFacts(IReadOnlyList<ColumnInfo> Columns, IReadOnlyDictionary<string, long> Rows);

/// <summary>Reads what the catalog records from Parquet footers, on one DuckDB per call.</summary>
public static class ParquetInspector
{
    /// <summary>The columns of the table the files form together (Hive partition columns included) and each file's rows.</summary>
    public static ParquetFacts Inspect(IReadOnlyList<string> paths)
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        var columns = new List<ColumnInfo>();
        if (paths.Count == 0)
        {
            return new ParquetFacts(columns, rows);
        }

        using var connection = DuckDbOpen.Plain();
        connection.Read($"DESCRIBE SELECT * FROM {Sql.ReadParquet(paths)}", reader =>
        {
            while (reader.Read())
            {
                columns.Add(new ColumnInfo(reader.GetString(0), reader.GetString(1)));
            }

            return columns;
        });
        connection.Read($"SELECT file_name, num_rows FROM parquet_file_metadata({Sql.List(paths)})", reader =>
        {
            while (reader.Read())
            {
                rows[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            }

            return rows;
        });

        return new ParquetFacts(columns, rows);
    }
}
