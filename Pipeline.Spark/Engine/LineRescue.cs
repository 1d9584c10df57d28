using System.Globalization;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Spark.DuckDb;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Sql;

namespace Pipeline.Spark.Engine;

/// <summary>
/// Keeps the good lines of a CSV or NDJSON file that has malformed ones (a wrong field count, a quote left open,
/// an invalid JSON record): those lines are set aside with their number, reason and text, the rest land. The
/// file is quarantined whole when nothing in it can be read, when a line is in another encoding, or when more
/// of its lines are bad than the dataset's <see cref="DatasetSpec.MaxBadLineRatio"/> allows.
/// </summary>
internal sealed class LineRescue(DuckDBConnection connection, TransformRequest request, CancellationToken cancellationToken)
{
    // A file with more quotes left open than this is not a file with a few broken lines.
    const int MaxOpenQuotes = 100;

    bool _created;

    /// <summary>
    /// Stages <paramref name="source"/>'s readable rows after its plain read failed; null when they landed, else
    /// the reason to quarantine the file whole (<paramref name="wholeFile"/> names its first bad line), with nothing
    /// of the file left staged or set aside.
    /// </summary>
    public string? StageCsv(DuckDbSql sql, SourcePlan source, Func<string> wholeFile)
    {
        var key = source.Input.SourceKey;
        Prepare(key);
        string Drop(string reason)
        {
            connection.Execute($"{DuckDbSql.DeleteRaw(key)}; {DuckDbLines.Forget(key)}", cancellationToken);
            return reason;
        }

        try
        {
            var rows = StageParts(sql, source, wholeFile, out var problem);
            return (problem ?? Decide(key, rows, wholeFile)) is { } reason ? Drop(reason) : null;
        }
        catch (DuckDBException e) when (!cancellationToken.IsCancellationRequested && e.Category() is not DuckDBErrorType.Interrupt)
        {
            // Not a matter of lines after all: the reason its plain read gave stands.
            return Drop(wholeFile());
        }
    }

    // Reads the file in parts (a new part after each quote left open at the end); the rows staged, with `problem` set
    // when the file must be kept whole after all.
    long StageParts(DuckDbSql sql, SourcePlan source, Func<string> wholeFile, out string? problem)
    {
        problem = null;
        var key = source.Input.SourceKey;
        var (path, header, lineOffset, rows) = (source.Input.Path, source.Csv.Header, 0L, 0L);
        for (var part = 0; ; part++)
        {
            var read = connection.Execute(sql.InsertRaw(source, DuckDbReads.Rescue(source, request, path, header), rows), cancellationToken);
            rows += read;
            var scan = CsvRecords.Count(path, source.Csv, cancellationToken);
            var (encodingLine, rejected, openLine) = connection.Read(DuckDbLines.Inspect(scan.OpenAt), Inspect, cancellationToken);
            connection.Execute(DuckDbLines.TakeRejects(key, lineOffset, openLine), cancellationToken);
            if (encodingLine is { } notText)
            {
                problem = FileFaultReason.Format(source.Input, source.Format, EncodingProblem(source.Input, notText + lineOffset));
                return rows;
            }

            // The reader skips some faults without a reject (a line over its size limit): a record neither read nor set
            // aside would be lost without a word, so the file is kept whole instead.
            var expected = scan.Records - (header ? 1 + (part == 0 ? source.Csv.SkipRows : 0) : 0);
            if (read + rejected != expected)
            {
                problem = string.Create(CultureInfo.InvariantCulture,
                    $"{wholeFile()}; its lines cannot be set aside one by one (the reader accounted for {read + rejected} of its {expected} records)");
                return rows;
            }

            // A quote left open runs to the end of the file: its line is set aside and the rest is read on its own.
            if (scan.OpenAt is not { } openAt || openLine is not { } line || part == MaxOpenQuotes || !CanSplit(path))
            {
                break;
            }

            path = Rest(path, openAt);
            (header, lineOffset) = (false, lineOffset + line);
        }

        return rows;
    }

    /// <summary>
    /// Splits an NDJSON file DuckDB refused into its good lines (read from a copy, returned) and the bad ones (set
    /// aside); null with <paramref name="reason"/> when the file is to be quarantined whole.
    /// </summary>
    public TransformInput? SplitNdJson(TransformInput input, Func<string> wholeFile, out string? reason)
    {
        Prepare(input.SourceKey);
        var copy = InputFiles.NewCopy(request.TempDir!, input.ArrivalSequence.ToString(CultureInfo.InvariantCulture), ".ndjson");
        var bad = NdJsonLines.Split(input.Path, copy, DuckDbLines.TextLimit, out var good, cancellationToken);
        foreach (var chunk in bad.Chunk(1000))
        {
            connection.Execute(DuckDbLines.Insert(input.SourceKey, chunk.Select(b => (b.Line, b.Reason, b.Text))), cancellationToken);
        }

        reason = bad.Count == 0 ? wholeFile() : Decide(input.SourceKey, good, wholeFile);
        if (reason is not null)
        {
            Forget(input.SourceKey);
            return null;
        }

        return input with { Path = copy };
    }

    void Prepare(string key)
    {
        if (!_created)
        {
            connection.Execute(DuckDbLines.Create(), cancellationToken);
            _created = true;
        }

        connection.Execute(DuckDbLines.Forget(key), cancellationToken);
    }

    // Nothing read, or too large a share of bad lines: the file is more likely in another dialect or broken whole.
    // Null when the file lands; the caller forgets what it staged and set aside otherwise.
    string? Decide(string key, long rows, Func<string> wholeFile)
    {
        var bad = connection.Scalar<long>(DuckDbLines.Count(key), cancellationToken);
        var ratio = request.Spec.MaxBadLineRatio;
        if (rows > 0 && bad <= ratio * (rows + bad))
        {
            return null;
        }

        var share = rows == 0
            ? "no line of it could be read"
            : string.Create(CultureInfo.InvariantCulture,
                $"{bad} of its {rows + bad} records {(bad == 1 ? "is" : "are")} malformed, more than the dataset's maxBadLineRatio ({ratio}) allows");
        return $"{wholeFile()}; {share}";
    }

    /// <summary>Forgets the lines set aside from <paramref name="key"/>: the file is quarantined whole after all.</summary>
    public void Forget(string key)
    {
        if (_created)
        {
            connection.Execute(DuckDbLines.Forget(key), cancellationToken);
        }
    }

    /// <summary>
    /// True when a file whose read failed may have good lines: its bytes are text in the declared encoding (binary
    /// data, UTF-16 read as UTF-8 or a cut gzip stream has none) and, for CSV, its lines end one way throughout.
    /// A UTF-16 file is kept or quarantined whole: its lines cannot be cut by byte. So is a file whose plain read
    /// (<paramref name="error"/>) met a line over DuckDB's size limit: the rescue read would skip that line without a
    /// reject, only for the record count in <see cref="StageCsv"/> to refuse the file after reading it all again.
    /// </summary>
    public static bool Rescuable(string path, SourceFormat format, CsvDialect? csv, DatasetSpec spec, string error)
    {
        if (format is not (SourceFormat.Csv or SourceFormat.NdJson) || CsvErrorText.IsLineTooLong(error)
            || ContentCheck.Problem(path, format, spec.CsvEncoding) is not null)
        {
            return false;
        }

        try
        {
            return format != SourceFormat.Csv
                || spec.CsvEncoding != CsvEncoding.Utf16
                && CsvFirstRecord.MixedLineBreaks(CsvFirstRecord.Head(path).Span, (csv ?? FormatResolver.DeclaredCsv(spec, path)).Quote) is null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Writes the run's set-aside lines to <paramref name="path"/> (when there are any) and sums them up by file and reason.</summary>
    public Dictionary<string, List<SetAside>> Lines(string path)
    {
        var lines = new Dictionary<string, List<SetAside>>(StringComparer.Ordinal);
        if (!_created)
        {
            return lines;
        }

        connection.Read(DuckDbLines.Summarize(), reader =>
        {
            while (reader.Read())
            {
                var key = reader.GetString(0);
                (lines.TryGetValue(key, out var list) ? list : lines[key] = []).Add(new SetAside(SetAside.Line, reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
            }

            return 0;
        }, cancellationToken);
        if (lines.Count > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            connection.Execute(DuckDbLines.CopyTo(path), cancellationToken);
        }

        return lines;
    }

    // What the bytes say when the start shows it (UTF-16, binary), else the line DuckDB could not decode.
    string EncodingProblem(TransformInput input, long line) =>
        ContentCheck.Problem(input.Path, SourceFormat.Csv, request.Spec.CsvEncoding)
        ?? (request.Spec.CsvEncoding == CsvEncoding.Utf16
            ? $"line {line} is not UTF-16 text"
            : $"line {line} is not UTF-8 text (Latin-1 or Windows-1252?); {ContentCheck.CsvUtf8Hint}");

    static (long? EncodingLine, long Rejected, long? OpenLine) Inspect(DuckDBDataReader reader)
    {
        reader.Read();
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2));
    }

    // Byte offsets name bytes of the file on disk only when it is not compressed.
    static bool CanSplit(string path) => !path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    // The file after the line that starts at byte `start`: a copy the next read takes without a header.
    string Rest(string path, long start)
    {
        var rest = InputFiles.NewCopy(request.TempDir!, "rest", ".csv");
        using var file = File.OpenRead(path);
        file.Position = start;
        int b;
        while ((b = file.ReadByte()) >= 0 && b != '\n')
        {
        }

        using var target = File.Create(rest);
        file.CopyTo(target);
        return rest;
    }
}
