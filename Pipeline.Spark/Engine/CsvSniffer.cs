using DuckDB.NET.Data;
using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Spark.DuckDb;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Sql;

namespace Pipeline.Spark.Engine;

/// <summary>
/// Detects how a CSV file is written where its dataset does not say: delimiter, header, escape, leading rows to
/// skip and comment lines, by DuckDB's sniffer over a sample of the file. The same sniff gives the file's columns.
/// </summary>
internal static class CsvSniffer
{
    // Enough to see a few lines of an ordinary file; the sniff itself reads DuckDB's sample.
    const int PeekBytes = 64 * 1024;

    // DuckDB's candidates, in its order (the first wins a tie).
    static readonly string[] Candidates = [",", "|", ";", "\t"];

    /// <summary>How one file is read; <paramref name="Columns"/> when the sniff that chose the dialect gave them.</summary>
    public sealed record Result(CsvDialect Dialect, List<SourceColumn>? Columns);

    /// <param name="known">The dialect the dataset's earlier files were read with: reused when this file's first lines fit it.</param>
    public static Result Detect(DuckDBConnection connection, TransformRequest request, string path, CsvDialect? known, CancellationToken cancellationToken)
    {
        var spec = request.Spec;
        var declared = new Result(FormatResolver.DeclaredCsv(spec, path), null);
        if (FormatResolver.DelimiterDeclared(spec, path) && spec.CsvDeclared.HasFlag(CsvDeclared.Header))
        {
            return declared;
        }

        // Not gzip under a .gz name, NUL bytes (UTF-16, binary), or lines so long the sniffer would spend seconds on
        // them: read as declared, that read fails, and the failure is explained.
        ReadOnlyMemory<byte> head;
        try
        {
            head = CsvFirstRecord.Head(path, PeekBytes);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return declared;
        }

        if (head.Span.Contains((byte)0) || head.Length == PeekBytes && head.Span.Count((byte)'\n') < 2)
        {
            return declared;
        }

        if (known is not null && Reusable(known, declared.Dialect, spec, path) is { } reuse && Fits(head.Span, reuse, cut: head.Length == PeekBytes))
        {
            return new Result(reuse, null);
        }

        Result? sniffed;
        try
        {
            sniffed = connection.Read(DuckDbReads.SniffDialect(request, path), reader => Read(reader, request, declared.Dialect), cancellationToken);
        }
        catch (DuckDBException) when (!cancellationToken.IsCancellationRequested)
        {
            // The sniffer gives up on a broken file: read as declared, that read names what is wrong with it.
            return declared;
        }

        // One column although the first line splits on a candidate: lines of different field counts made the sniffer
        // fall back to one column. Read with that delimiter instead, so the line that breaks the file is named.
        var quote = declared.Dialect.Quote;
        if (sniffed?.Columns is [_] && !FormatResolver.DelimiterDeclared(spec, path)
            && Candidates.MaxBy(c => CsvFirstRecord.FieldCount(head.Span, c, quote)) is { } best
            && CsvFirstRecord.FieldCount(head.Span, best, quote) > 1)
        {
            return new Result(declared.Dialect with { Delimiter = best, Source = DialectSource.Detected }, null);
        }

        return sniffed ?? declared;
    }

    // The earlier files' dialect, with what the dataset declares winning.
    static CsvDialect Reusable(CsvDialect known, CsvDialect declared, DatasetSpec spec, string path) => known with
    {
        Delimiter = FormatResolver.DelimiterDeclared(spec, path) ? declared.Delimiter : known.Delimiter,
        Quote = spec.CsvDeclared.HasFlag(CsvDeclared.Quote) ? declared.Quote : known.Quote,
        Header = spec.CsvDeclared.HasFlag(CsvDeclared.Header) ? declared.Header : known.Header,
        Source = DialectSource.Reused,
    };

    // Records the reuse check looks at: enough to see a file's shape, few enough to cost nothing.
    const int FitRecords = 20;

    /// <summary>
    /// Whether the first records of <paramref name="head"/> read with <paramref name="dialect"/> look like the files it
    /// came from: every record has the same number of fields, no other delimiter splits them into more, and the first
    /// record looks like a header exactly when the dialect has one. A file that does not fit is sniffed on its own.
    /// </summary>
    internal static bool Fits(ReadOnlySpan<byte> head, CsvDialect dialect, bool cut)
    {
        var records = CsvFirstRecord.Records(head, dialect.Delimiter, dialect.Quote, dialect.SkipRows, dialect.Comment, FitRecords, cut);
        if (records.Count == 0 || records.Any(r => r.Count != records[0].Count))
        {
            return false;
        }

        var fields = records[0].Count;
        foreach (var other in Candidates.Where(c => c != dialect.Delimiter))
        {
            var split = CsvFirstRecord.Records(head, other, dialect.Quote, dialect.SkipRows, dialect.Comment, FitRecords, cut);
            if (split.Count == records.Count && split[0].Count > fields && split.All(r => r.Count == split[0].Count))
            {
                return false;
            }
        }

        // A header has no numbers; a first line of text over lines with numbers is one.
        var text = !records[0].Any(IsNumber);
        return dialect.Header ? text : !text || !records.Skip(1).Any(r => r.Any(IsNumber));
    }

    static bool IsNumber(string field) =>
        double.TryParse(field.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    // A row per column (SourceProbe's shape), each with the dialect after it.
    static Result? Read(DuckDBDataReader reader, TransformRequest request, CsvDialect declared)
    {
        CsvDialect? dialect = null;
        var columns = new List<SourceColumn>();
        while (reader.Read())
        {
            columns.Add(SourceProbe.CsvColumn(reader, request));
            dialect ??= Dialect(reader, declared);
        }

        return dialect is null ? null : new Result(dialect, columns);
    }

    static CsvDialect Dialect(DuckDBDataReader reader, CsvDialect declared)
    {
        var quote = Text(reader, "Quote") ?? declared.Quote;
        var escape = Text(reader, "Escape");
        return new CsvDialect(
            Text(reader, "Delimiter") is { Length: 1 } delimiter ? delimiter : declared.Delimiter,
            quote,
            string.IsNullOrEmpty(escape) ? quote : escape,
            reader.GetBoolean(reader.GetOrdinal("HasHeader")),
            Convert.ToInt32(reader.GetValue(reader.GetOrdinal("SkipRows")), System.Globalization.CultureInfo.InvariantCulture),
            Text(reader, "Comment") ?? "",
            DialectSource.Detected);
    }

    // DuckDB says "(empty)" for no character.
    static string? Text(DuckDBDataReader reader, string name) =>
        reader.GetOrdinal(name) is var i && !reader.IsDBNull(i) && reader.GetString(i) is var text
            ? text == "(empty)" ? "" : text
            : null;
}
