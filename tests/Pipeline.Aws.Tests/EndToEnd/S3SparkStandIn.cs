using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Pipeline.Aws.Tests.Support;
using Pipeline.Spark.DuckDb;

namespace Pipeline.Aws.Tests.EndToEnd;

/// <summary>
/// Stands in for Spark on the fake EMR (there is no Spark here): reads the run manifest the silo put in S3, turns
/// each input CSV into Parquet partitioned by <c>vendor_id</c> with DuckDB, and writes the result the driver would.
/// It does not run the script: the silo's side of the step is what the tests exercise.
/// </summary>
public static class S3SparkStandIn
{
    public static void Run(IAmazonS3 s3, JsonObject step)
    {
        var manifest = JsonNode.Parse(Read(s3, step["Config"]!["Args"]!.AsArray()[^1]!.GetValue<string>()))!;
        var output = manifest["output"]!.GetValue<string>().TrimEnd('/') + "/";
        using var work = new TempFolder();
        var local = Path.Combine(work.Path, "out");
        long rows = 0;
        foreach (var file in manifest["files"]!.AsArray())
        {
            var input = Path.Combine(work.Path, Path.GetFileName(file!["sourceKey"]!.GetValue<string>()));
            File.WriteAllText(input, Read(s3, file["path"]!.GetValue<string>()));
            using var connection = DuckDbOpen.Plain();
            connection.Execute($"""
                COPY (SELECT * REPLACE (CAST(fare_amount AS DECIMAL(10,2)) AS fare_amount), '{file["sourceKey"]}' AS _source_file,
                      '{manifest["runId"]}' AS _run_id FROM read_csv('{input}'))
                TO '{local}' (FORMAT parquet, PARTITION_BY (vendor_id), APPEND)
                """);
            rows += connection.Read($"SELECT count(*) FROM read_csv('{input}')", r => { r.Read(); return r.GetInt64(0); });
        }

        var outputs = new JsonArray();
        foreach (var path in Directory.EnumerateFiles(local, "*.parquet", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(local, path).Replace('\\', '/');
            Put(s3, output + relative, File.ReadAllBytes(path));
            outputs.Add(new JsonObject
            {
                ["path"] = relative, ["bytes"] = new FileInfo(path).Length, ["partition"] = new JsonObject { ["vendor_id"] = relative.Split('/')[0].Split('=')[1] },
            });
        }

        var result = new JsonObject
        {
            ["version"] = 1, ["dataset"] = manifest["dataset"]!.DeepClone(), ["runId"] = manifest["runId"]!.DeepClone(), ["attempt"] = manifest["attempt"]!.DeepClone(),
            ["state"] = "Succeeded", ["rowsIn"] = rows, ["rowsOut"] = rows, ["rowsQuarantined"] = 0, ["linesSetAside"] = 0,
            ["filesOverBadLineRatio"] = new JsonArray(), ["rowsChecked"] = rows, ["expectations"] = new JsonArray(), ["outputs"] = outputs,
            ["startedAt"] = DateTimeOffset.UtcNow.ToString("O"), ["endedAt"] = DateTimeOffset.UtcNow.ToString("O"),
        };
        Put(s3, manifest["result"]!.GetValue<string>(), System.Text.Encoding.UTF8.GetBytes(result.ToJsonString()));
    }

    static (string Bucket, string Key) Split(string uri)
    {
        var rest = uri["s3://".Length..];
        return (rest[..rest.IndexOf('/', StringComparison.Ordinal)], rest[(rest.IndexOf('/', StringComparison.Ordinal) + 1)..]);
    }

    static string Read(IAmazonS3 s3, string uri)
    {
        var (bucket, key) = Split(uri);
        using var response = s3.GetObjectAsync(bucket, key).GetAwaiter().GetResult();
        using var reader = new StreamReader(response.ResponseStream);
        return reader.ReadToEnd();
    }

    static void Put(IAmazonS3 s3, string uri, byte[] content)
    {
        var (bucket, key) = Split(uri);
        s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(content) }).GetAwaiter().GetResult();
    }
}
