using DuckDB.NET.Data;

namespace Pipeline.Benchmarks;

/// <summary>DuckDB itself, through DuckDB.NET: the baseline the pipeline is measured against.</summary>
public static class Duck
{
    public static void Execute(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static string Version()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return connection.ServerVersion;
    }
}
