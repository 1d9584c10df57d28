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

    public static Result Detect(DuckDBConnection connection, TransformRequest request, string path, CancellationToken cancellationToken)
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
            return new Result(declared.Dialect with { Delimiter = best, Detected = true }, null);
        }

        return sniffed ?? declared;
    }

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
            Detected: true);
    }

    // DuckDB says "(empty)" for no character.
    static string? Text(DuckDBDataReader reader, string name) =>
        reader.GetOrdinal(name) is var i && !reader.IsDBNull(i) && reader.GetString(i) is var text
            ? text == "(empty)" ? "" : text
            : null;
}
