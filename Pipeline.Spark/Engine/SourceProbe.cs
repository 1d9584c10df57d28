using Pipeline.Core.Transform;
using Pipeline.DuckDb;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Sql;
using Pipeline.Spark.Types;

namespace Pipeline.Spark.Engine;

/// <summary>
/// Sniffs each input file on its own (DESCRIBE over the reader's sample: cheap), so that a truncated Parquet
/// file, binary junk or invalid JSON is set aside with DuckDB's message instead of failing the run.
/// </summary>
public static class SourceProbe
{
    /// <summary>Probes the request's files on a private, sandboxed in-memory DuckDB.</summary>
    public static ProbeResult Probe(TransformRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var database = EngineDatabase.Open(request, tempDirectory: null);
        using var connection = database.Connect();
        return Probe(connection, request, cancellationToken);
    }

    internal static ProbeResult Probe(DuckDbConnection connection, TransformRequest request, CancellationToken cancellationToken)
    {
        var usable = new List<SourceSchema>();
        var quarantined = new List<QuarantinedFile>();
        foreach (var input in request.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!File.Exists(input.Path))
            {
                throw new TransformException($"Input file {input.Path} ({input.SourceKey}) is not there.", transient: true);
            }

            var format = FormatResolver.Resolve(request.Spec.Format, input.Path);
            if (format is null)
            {
                quarantined.Add(new QuarantinedFile(input.SourceKey,
                    "Unknown extension: expected .csv, .tsv, .json, .ndjson, .jsonl or .parquet, optionally with .gz."));
                continue;
            }

            try
            {
                var columns = Describe(connection, request, input.Path, format.Value, cancellationToken);
                if (columns.Count == 0)
                {
                    quarantined.Add(new QuarantinedFile(input.SourceKey, "The file has no columns."));
                    continue;
                }

                usable.Add(new SourceSchema(input, format.Value, columns));
            }
            catch (DuckDbException e) when (IsFileFault(e, input.Path, cancellationToken))
            {
                quarantined.Add(new QuarantinedFile(input.SourceKey, DuckDbFaults.Clean(e.Message)));
            }
            catch (DuckDbException e)
            {
                throw DuckDbFaults.Translate(e, $"Reading {input.SourceKey}", cancellationToken);
            }
        }

        return new ProbeResult(usable, quarantined);
    }

    static bool IsFileFault(DuckDbException e, string path, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && DuckDbFaults.IsFileFault(e, path);

    static List<SourceColumn> Describe(DuckDbConnection connection, TransformRequest request, string path, SourceFormat format, CancellationToken cancellationToken)
    {
        var columns = new List<SourceColumn>();
        using (var reader = connection.Query(DuckDbReads.Describe(format, path, request.Spec), [], cancellationToken))
        {
            while (reader.Read())
            {
                columns.Add(new SourceColumn(reader.GetString(0), reader.GetString(1)));
            }
        }

        if (format != SourceFormat.Csv)
        {
            return columns;
        }

        // Dates in a non-ISO format sniff as DATE/TIMESTAMP, but the SQL cast of the text only knows ISO:
        // such columns stay text rather than every row failing the cast.
        using var formats = connection.Query(DuckDbReads.SniffCsvFormats(path, request.Spec), [], cancellationToken);
        if (!formats.Read())
        {
            return columns;
        }

        var customDate = !formats.IsDBNull(0);
        var customTimestamp = !formats.IsDBNull(1);
        return columns.Select(c => (DuckType.Parse(c.Type).Name, customDate, customTimestamp) switch
        {
            ("DATE", true, _) or ("TIMESTAMP", _, true) => c with { Type = "VARCHAR" },
            _ => c,
        }).ToList();
    }
}
