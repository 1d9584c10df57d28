using System.Globalization;
using DuckDB.NET.Data;
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
    // DuckDB's max_line_size. Its rescue read drops a longer line without a reject, so such a file is kept whole.
    const int MaxLineBytes = 2_000_000;

    // A file with more quotes left open than this is not a file with a few broken lines.
    const int MaxOpenQuotes = 100;

    bool _created;

    // True while a rescue stages rows (the raw table exists), false while the probe splits a file.
    bool _staging;

    /// <summary>
    /// Stages <paramref name="source"/>'s readable rows after its plain read failed; null when they landed, else
    /// the reason to quarantine the file whole (<paramref name="wholeFile"/> names its first bad line).
    /// </summary>
    public string? StageCsv(DuckDbSql sql, SourcePlan source, Func<string> wholeFile)
    {
        var key = source.Input.SourceKey;
        Prepare(key);
        _staging = true;
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
                return Abandon(key, FileFaultReason.Format(source.Input, source.Format, EncodingProblem(source.Input, notText + lineOffset)));
            }

            // The reader skips some faults without a reject (a line over its size limit): a record neither read nor set
            // aside would be lost without a word, so the file is kept whole instead.
            var expected = scan.Records - (header ? 1 + (part == 0 ? source.Csv.SkipRows : 0) : 0);
            if (read + rejected != expected)
            {
                return Abandon(key, string.Create(CultureInfo.InvariantCulture,
                    $"{wholeFile()}; its lines cannot be set aside one by one (the reader accounted for {read + rejected} of its {expected} records)"));
            }

            // A quote left open runs to the end of the file: its line is set aside and the rest is read on its own.
            if (scan.OpenAt is not { } openAt || openLine is not { } line || part == MaxOpenQuotes || !CanSplit(path))
            {
                break;
            }

            path = Rest(path, openAt, part);
            (header, lineOffset) = (false, lineOffset + line);
        }

        return Decide(key, rows, wholeFile);
    }

    /// <summary>
    /// Splits an NDJSON file DuckDB refused into its good lines (read from a copy, returned) and the bad ones (set
    /// aside); null with <paramref name="reason"/> when the file is to be quarantined whole.
    /// </summary>
    public TransformInput? SplitNdJson(TransformInput input, bool staging, Func<string> wholeFile, out string? reason)
    {
        Prepare(input.SourceKey);
        _staging = staging;
        var folder = JsonInput.CopyFolder(request.TempDir!);
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, $"{input.ArrivalSequence}-{Guid.NewGuid():N}.ndjson");
        var bad = NdJsonLines.Split(input.Path, copy, DuckDbLines.TextLimit, out var good, cancellationToken);
        foreach (var chunk in bad.Chunk(1000))
        {
            connection.Execute(DuckDbLines.Insert(input.SourceKey, chunk.Select(b => (b.Line, b.Reason, b.Text))), cancellationToken);
        }

        reason = bad.Count == 0 ? wholeFile() : Decide(input.SourceKey, good, wholeFile);
        return reason is null ? input with { Path = copy } : null;
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
        return Abandon(key, $"{wholeFile()}; {share}");
    }

    string Abandon(string key, string reason)
    {
        Abandon(key, staged: _staging);
        return reason;
    }

    /// <summary>
    /// Forgets the lines a rescue of <paramref name="key"/> set aside and, when <paramref name="staged"/>, the rows it
    /// staged: the file is quarantined whole.
    /// </summary>
    public void Abandon(string key, bool staged)
    {
        if (_created)
        {
            connection.Execute(staged ? $"{DuckDbSql.DeleteRaw(key)}; {DuckDbLines.Forget(key)}" : DuckDbLines.Forget(key), cancellationToken);
        }
    }

    /// <summary>
    /// True when a file whose read failed may have good lines: its bytes are text in the declared encoding (binary
    /// data, UTF-16 read as UTF-8 or a cut gzip stream has none) and, for CSV, its lines end one way throughout.
    /// A UTF-16 file is kept or quarantined whole: its lines cannot be cut by byte.
    /// </summary>
    public static bool Rescuable(string path, SourceFormat format, CsvDialect? csv, DatasetSpec spec)
    {
        if (format is not (SourceFormat.Csv or SourceFormat.NdJson) || ContentCheck.Problem(path, format, spec.CsvEncoding) is not null)
        {
            return false;
        }

        try
        {
            return format != SourceFormat.Csv
                || spec.CsvEncoding != CsvEncoding.Utf16
                && CsvFirstRecord.MixedLineBreaks(CsvFirstRecord.Head(path).Span, (csv ?? FormatResolver.DeclaredCsv(spec, path)).Quote) is null
                && !HasLineLongerThan(path, MaxLineBytes);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    static bool HasLineLongerThan(string path, int limit)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress) : file;
        var buffer = new byte[1 << 16];
        var length = 0L;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            for (var newline = span.IndexOf((byte)'\n'); newline >= 0; newline = span.IndexOf((byte)'\n'))
            {
                if (length + newline > limit)
                {
                    return true;
                }

                length = 0;
                span = span[(newline + 1)..];
            }

            length += span.Length;
            if (length > limit)
            {
                return true;
            }
        }

        return false;
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
                (lines.TryGetValue(key, out var list) ? list : lines[key] = []).Add(new SetAside("line", reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
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
    string Rest(string path, long start, int part)
    {
        var folder = JsonInput.CopyFolder(request.TempDir!);
        Directory.CreateDirectory(folder);
        var rest = Path.Combine(folder, $"rest-{part}-{Guid.NewGuid():N}.csv");
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
