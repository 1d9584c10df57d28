using System.Text.RegularExpressions;
using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Pipeline.Spark.DuckDb;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Sql;

namespace Pipeline.Spark.Engine;

/// <summary>
/// Sniffs each input file on its own (sniff_csv or DESCRIBE: the reader looks at a sample only, so this is
/// cheap), so that a truncated Parquet file, binary junk or invalid JSON is set aside with DuckDB's message
/// instead of failing the run, and files without rows are told apart.
/// </summary>
public static partial class SourceProbe
{
    // DuckDB's sniffing sample.
    const int SampleRows = 20_480;

    // Text files this large cannot be a header alone: skip the check that reads their first rows.
    const long SurelyHasRows = 1 << 20;

    internal static ProbeResult Probe(DuckDBConnection connection, TransformRequest request, LineRescue rescue, CancellationToken cancellationToken)
    {
        var usable = new List<SourceSchema>();
        var quarantined = new List<QuarantinedFile>();
        var dialects = new Dictionary<string, CsvDialect>();
        var known = request.KnownCsv;
        foreach (var file in request.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!File.Exists(file.Path))
            {
                quarantined.Add(new QuarantinedFile(file.SourceKey, UndecodableName(file)
                    ?? throw new TransformException($"Input file {file.Path} ({file.SourceKey}) is not there.", transient: true)));
                continue;
            }

            var format = FormatResolver.Resolve(request.Spec.Format, file.Path);
            if (format is null)
            {
                quarantined.Add(new QuarantinedFile(file.SourceKey,
                    "Unknown extension: expected .csv, .tsv, .json, .ndjson, .jsonl or .parquet, optionally with .gz."));
                continue;
            }

            // A file without rows would still add columns, all sniffed as text: leave it out of the plan.
            var length = new FileInfo(file.Path).Length;
            if (length == 0)
            {
                continue;
            }

            if (Prepare(file, format.Value, request.TempDir, cancellationToken, out var problem) is not { } input)
            {
                quarantined.Add(new QuarantinedFile(file.SourceKey, problem!));
                continue;
            }

            try
            {
                // A CSV file's dialect is sniffed first; every later read of it, here and in the run, uses it.
                var sniffed = format == SourceFormat.Csv ? CsvSniffer.Detect(connection, request, input.Path, known, cancellationToken) : null;
                if (sniffed?.Dialect is { } csv)
                {
                    dialects[file.SourceKey] = csv;
                }

                if (Schema(connection, request, input, format.Value, sniffed, length, cancellationToken) is { } schema)
                {
                    usable.Add(schema);
                    known = Learned(known, schema.Csv);
                }
            }
            catch (DuckDBException e) when (IsFileFault(e, input.Path, cancellationToken))
            {
                if (IsEmptyJson(connection, input.Path, format.Value, cancellationToken))
                {
                    continue;
                }

                var csv = dialects.GetValueOrDefault(file.SourceKey);
                string WholeFile() => FileFaultReason.For(connection, request, input, format.Value, csv, e, cancellationToken);
                if (Rescue(connection, request, rescue, input, format.Value, csv, length, e, WholeFile, out var reason, cancellationToken) is { } schema)
                {
                    if (schema.Csv is { } read)
                    {
                        dialects[file.SourceKey] = read;
                    }

                    usable.Add(schema);
                    known = Learned(known, schema.Csv);
                }
                else if (reason is not null)
                {
                    quarantined.Add(new QuarantinedFile(file.SourceKey, reason));
                }
            }
            catch (DuckDBException e)
            {
                throw DuckDbFaults.Translate(e, $"Reading {file.SourceKey}", cancellationToken);
            }
        }

        return new ProbeResult(usable, quarantined, dialects);
    }

    // A file read with a dialect its sniff found teaches it to the run's later files.
    static CsvDialect? Learned(CsvDialect? known, CsvDialect? read) => read?.Source == DialectSource.Detected ? read : known;

    // .NET decodes file names as UTF-8 and shows bytes that do not decode (a Latin-1 name) as U+FFFD: the name it
    // hands over names no file on disk, and no retry will find one.
    static string? UndecodableName(TransformInput input) => input.Path.Contains('\uFFFD', StringComparison.Ordinal)
        ? $"the name of {FileFaultReason.FileName(input)} is not valid UTF-8 (the bytes that do not decode show as \uFFFD), " +
          "so the file cannot be opened by it; rename the file using UTF-8"
        : null;

    // The readers return a cut-short gzip file's rows up to the cut without an error: it is checked first.
    static TransformInput? Prepare(TransformInput input, SourceFormat format, string? tempDirectory, CancellationToken cancellationToken, out string? problem)
    {
        try
        {
            if (input.Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && GzipCheck.Problem(input.Path, cancellationToken) is { } cut)
            {
                problem = FileFaultReason.Format(input, format, cut);
                return null;
            }

            return JsonInput.Prepare(input, format, tempDirectory, out problem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TransformException($"Reading {input.SourceKey} failed: {e.Message}", transient: true, e);
        }
    }

    // The file's columns, or null when it has no rows.
    static SourceSchema? Schema(DuckDBConnection connection, TransformRequest request, TransformInput input, SourceFormat format, CsvSniffer.Result? sniffed,
        long length, CancellationToken cancellationToken)
    {
        var csv = sniffed?.Dialect;
        var columns = sniffed?.Columns ?? Describe(connection, request, input.Path, format, csv, cancellationToken);
        return length > SurelyHasRows && format != SourceFormat.Parquet || HasRows(connection, request, input.Path, format, csv, cancellationToken)
            ? new SourceSchema(input, format, columns, csv)
            : null;
    }

    /// <summary>
    /// A file the probe could not read because of malformed lines: a CSV file's columns are its header's, read as
    /// text (the run sets its bad lines aside); an NDJSON file is read from a copy of its good lines. Null, with the
    /// reason to quarantine it (none when it has no rows), when nothing can be kept.
    /// </summary>
    static SourceSchema? Rescue(DuckDBConnection connection, TransformRequest request, LineRescue rescue, TransformInput input, SourceFormat format,
        CsvDialect? csv, long length, DuckDBException error, Func<string> wholeFile, out string? reason, CancellationToken cancellationToken)
    {
        reason = null;
        if (!LineRescue.Rescuable(input.Path, format, csv, request.Spec, error.Message))
        {
            reason = wholeFile();
            return null;
        }

        if (format == SourceFormat.Csv)
        {
            var dialect = csv ?? FormatResolver.DeclaredCsv(request.Spec, input.Path);
            var names = CsvFirstRecord.ColumnNames(CsvFirstRecord.Head(input.Path).Span, dialect.Delimiter, dialect.Quote, dialect.Header);
            return new SourceSchema(input, format, TolerantColumns(connection, request, input.Path, dialect, names, cancellationToken)
                ?? names.Select(n => new SourceColumn(n, "VARCHAR")).ToList(), dialect);
        }

        if (rescue.SplitNdJson(input, wholeFile, out reason) is not { } copy)
        {
            return null;
        }

        try
        {
            return Schema(connection, request, copy, format, null, length, cancellationToken);
        }
        catch (DuckDBException) when (!cancellationToken.IsCancellationRequested)
        {
            rescue.Forget(input.SourceKey);
            reason = wholeFile();
            return null;
        }
    }

    // The sniffer's types over the file's first readable records, copied without its malformed lines (a quote left
    // open in the sample makes every sniff of the file itself fail); null when they do not name the header's columns.
    static List<SourceColumn>? TolerantColumns(DuckDBConnection connection, TransformRequest request, string path, CsvDialect csv, List<string> names,
        CancellationToken cancellationToken)
    {
        var sample = InputFiles.NewCopy(request.TempDir!, "sample", ".csv");
        try
        {
            connection.Execute(DuckDbReads.CopyGoodSample(path, request, csv, names, SampleRows, sample), cancellationToken);
            // DuckDB wrote the sample as plain UTF-8 CSV, whatever the file's own dialect and encoding.
            var plain = new CsvDialect(",", "\"", "\"", Header: true, SkipRows: 0, Comment: "", DialectSource.Declared);
            var columns = connection.Read(DuckDbReads.SniffCsv(sample, request with { Spec = request.Spec with { CsvEncoding = CsvEncoding.Utf8 } }, plain),
                reader => Rows(reader, r => CsvColumn(r, request)), cancellationToken);
            return columns.Select(c => c.Name).SequenceEqual(names) ? columns : null;
        }
        catch (DuckDBException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            File.Delete(sample);
        }
    }

    static bool IsFileFault(DuckDBException e, string path, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && DuckDbFaults.IsFileFault(e, path);

    static bool HasRows(DuckDBConnection connection, TransformRequest request, string path, SourceFormat format, CsvDialect? csv, CancellationToken cancellationToken) =>
        connection.Scalar<bool>($"SELECT EXISTS (SELECT 1 FROM {DuckDbReads.Sniffing(format, path, request, csv)})", cancellationToken);

    // "[]" or blank lines: the JSON reader cannot sniff records from nothing, which is no fault of the file.
    static bool IsEmptyJson(DuckDBConnection connection, string path, SourceFormat format, CancellationToken cancellationToken)
    {
        if (format == SourceFormat.Csv || format == SourceFormat.Parquet)
        {
            return false;
        }

        try
        {
            return connection.Scalar<long>($"SELECT count(*) FROM {DuckDbReads.JsonValues(format, path)}", cancellationToken) == 0;
        }
        catch (DuckDBException)
        {
            return false;
        }
    }

    static List<SourceColumn> Describe(DuckDBConnection connection, TransformRequest request, string path, SourceFormat format, CsvDialect? csv,
        CancellationToken cancellationToken)
    {
        if (csv is not null)
        {
            return connection.Read(DuckDbReads.SniffCsv(path, request, csv), reader => Rows(reader, r => CsvColumn(r, request)), cancellationToken);
        }

        return connection.Read(DuckDbReads.Describe(format, path, request), reader => Rows(reader, r => new SourceColumn(r.GetString(0), r.GetString(1))), cancellationToken);
    }

    static List<SourceColumn> Rows(DuckDBDataReader reader, Func<DuckDBDataReader, SourceColumn> column)
    {
        var columns = new List<SourceColumn>();
        while (reader.Read())
        {
            columns.Add(column(reader));
        }

        return columns;
    }

    /// <summary>A column of a CSV sniff row: name, type, the detected date format, the detected timestamp format.</summary>
    internal static SourceColumn CsvColumn(DuckDBDataReader reader, TransformRequest request)
    {
        var column = new SourceColumn(reader.GetString(0), reader.GetString(1));
        // Dates in a non-ISO format sniff as DATE/TIMESTAMP, but the SQL cast of the text only knows ISO:
        // such columns stay text rather than every row failing the cast.
        // The dataset's own formats are read by the transform too.
        var custom = column.Type switch
        {
            "DATE" => !reader.IsDBNull(2) && !IsoFormat().IsMatch(reader.GetString(2)) && reader.GetString(2) != request.Spec.DateFormat,
            "TIMESTAMP" => !reader.IsDBNull(3) && !IsoFormat().IsMatch(reader.GetString(3)) && reader.GetString(3) != request.Spec.TimestampFormat,
            _ => false,
        };
        return custom ? column with { Type = "VARCHAR" } : column;
    }

    // The strptime formats whose text DuckDB's plain CAST also reads.
    [GeneratedRegex(@"^%Y-%m-%d([ T]%H:%M(:%S(\.%[fgn])?)?)?(%z)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoFormat();
}
