using System.Globalization;
using Pipeline.Core.Tables;
using Pipeline.DuckDb;

namespace Pipeline.Silo.Catalog;

/// <summary>Reads what the catalog records from Parquet footers: columns and types, rows per file.</summary>
public static class ParquetInspector
{
    /// <summary>The columns of the table the files form together (Hive partition columns included).</summary>
    public static IReadOnlyList<ColumnInfo> Columns(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            return [];
        }

        using var db = DuckDbDatabase.Open();
        using var connection = db.Connect();
        using var reader = connection.Query($"DESCRIBE SELECT * FROM {Sql.ReadParquet(paths)}");
        var columns = new List<ColumnInfo>();
        while (reader.Read())
        {
            columns.Add(new ColumnInfo(reader.GetString(0), reader.GetString(1)));
        }

        return columns;
    }

    /// <summary>Rows of each file, by path.</summary>
    public static IReadOnlyDictionary<string, long> RowCounts(IReadOnlyList<string> paths)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (paths.Count == 0)
        {
            return counts;
        }

        using var db = DuckDbDatabase.Open();
        using var connection = db.Connect();
        using var reader = connection.Query($"SELECT file_name, num_rows FROM parquet_file_metadata({Sql.List(paths)})");
        while (reader.Read())
        {
            counts[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return counts;
    }
}
