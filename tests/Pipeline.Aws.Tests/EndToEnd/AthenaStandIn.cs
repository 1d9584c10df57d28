using System.Globalization;
using Amazon.S3;
using Pipeline.Aws.Tests.Support;
using Pipeline.Spark.DuckDb;

namespace Pipeline.Aws.Tests.EndToEnd;

/// <summary>
/// Stands in for Athena's engine behind the fake Athena (there is no Athena here): runs the query with DuckDB over
/// the files the fake Glue's partitions list for <c>trips</c>, read from the S3 emulator, and answers as Athena
/// would: column names and types, every value as text.
/// </summary>
public static class AthenaStandIn
{
    public static (List<(string Name, string Type)> Columns, List<string?[]> Rows, string? Error) Run(IAmazonS3 s3, FakeGlue glue, string bucket, string keyPrefix, string sql)
    {
        using var work = new TempFolder();
        var paths = new List<string>();
        foreach (var file in glue.Partitions("lake", "trips").SelectMany(FakeGlue.Files))
        {
            var path = Path.Combine(work.Path, file.Key.Replace('/', '_'));
            using var response = s3.GetObjectAsync(bucket, keyPrefix + file.Key).GetAwaiter().GetResult();
            response.WriteResponseStreamToFileAsync(path, false, default).GetAwaiter().GetResult();
            paths.Add(path);
        }

        using var connection = DuckDbOpen.Plain();
        connection.Execute($"CREATE VIEW trips AS SELECT * FROM read_parquet([{string.Join(", ", paths.Select(p => $"'{p}'"))}])");
        return connection.Read(sql, reader =>
        {
            var columns = Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.GetDataTypeName(i).ToLowerInvariant())).ToList();
            var rows = new List<string?[]>();
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))]);
            }

            return (columns, rows, (string?)null);
        });
    }
}
