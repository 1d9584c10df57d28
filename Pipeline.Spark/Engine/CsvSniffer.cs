using DuckDB.NET.Data;
using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Spark.DuckDb;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Sql;

namespace Pipeline.Spark.Engine;

/// <summary>
/// Detects how a CSV file is written where its dataset does not say: delimiter, header, escape, leading rows to
/// skip and comment lines, by DuckDB's sniffer over a sample of the file.
/// </summary>
internal static class CsvSniffer
{
    public static CsvDialect Detect(DuckDBConnection connection, TransformRequest request, string path, CancellationToken cancellationToken)
    {
        var spec = request.Spec;
        var declared = FormatResolver.DeclaredCsv(spec, path);
        if (FormatResolver.DelimiterDeclared(spec, path) && spec.CsvDeclared.HasFlag(CsvDeclared.Header))
        {
            return declared;
        }

        // Not gzip under a .gz name, NUL bytes (UTF-16, binary): read as declared, that fails, and the failure is explained.
        ReadOnlyMemory<byte> head;
        try
        {
            head = CsvFirstRecord.Head(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return declared;
        }

        if (head.Span.Contains((byte)0))
        {
            return declared;
        }

        // Lines of half a megabyte and more: the sniffer would spend seconds on them, and the declared read names
        // a line over the limit at once.
        if (head.Length >= LongHead && head.Span.Count((byte)'\n') < 2)
        {
            return declared;
        }

        Sniffed? sniffed;
        try
        {
            sniffed = connection.Read(DuckDbReads.SniffDialect(request, path), reader => reader.Read() ? Read(reader, declared) : null, cancellationToken);
        }
        catch (DuckDBException) when (!cancellationToken.IsCancellationRequested)
        {
            // The sniffer gives up on a broken file: it is read as declared, and that read names what is wrong with it.
            return declared;
        }

        if (sniffed is null)
        {
            return declared;
        }

        // One column although the first line splits on a candidate: lines of different field counts made the sniffer
        // fall back to one column. Read with that delimiter instead, so the line that breaks the file is named.
        if (sniffed.Columns == 1 && !FormatResolver.DelimiterDeclared(spec, path)
            && Candidates.MaxBy(c => CsvFirstRecord.FieldCount(head.Span, c, declared.Quote)) is { } best
            && CsvFirstRecord.FieldCount(head.Span, best, declared.Quote) > 1)
        {
            return declared with { Delimiter = best, Detected = true };
        }

        return sniffed.Dialect;
    }

    const int LongHead = 1 << 19;

    // DuckDB's candidates, in its order (the first wins a tie).
    static readonly string[] Candidates = [",", "|", ";", "\t"];

    sealed record Sniffed(CsvDialect Dialect, int Columns);

    static Sniffed Read(DuckDBDataReader reader, CsvDialect declared)
    {
        var quote = Text(reader, "Quote") ?? declared.Quote;
        var escape = Text(reader, "Escape");
        var columns = Column(reader, "ColumnCount") is { } count ? Convert.ToInt32(reader.GetValue(count), System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new Sniffed(new CsvDialect(
            Text(reader, "Delimiter") is { Length: 1 } delimiter ? delimiter : declared.Delimiter,
            quote,
            string.IsNullOrEmpty(escape) ? quote : escape,
            Column(reader, "HasHeader") is { } header ? reader.GetBoolean(header) : declared.Header,
            Column(reader, "SkipRows") is { } skip ? Convert.ToInt32(reader.GetValue(skip), System.Globalization.CultureInfo.InvariantCulture) : 0,
            Text(reader, "Comment") ?? "",
            Detected: true), columns);
    }

    // DuckDB reports "no character" as "(empty)" (or NUL in older versions).
    static string? Text(DuckDBDataReader reader, string name) =>
        Column(reader, name) is { } i && !reader.IsDBNull(i) && reader.GetString(i) is var text
            ? text is "(empty)" or "\0" ? "" : text
            : null;

    static int? Column(DuckDBDataReader reader, string name)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (reader.GetName(i) == name && !reader.IsDBNull(i))
            {
                return i;
            }
        }

        return null;
    }
}
