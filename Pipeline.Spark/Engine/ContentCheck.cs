using System.Buffers;
using System.IO.Compression;
using System.Text.Unicode;
using Pipeline.Core.Datasets;
using Pipeline.Spark.Planning;

namespace Pipeline.Spark.Engine;

/// <summary>
/// Says in plain words what is wrong with a file a reader gave up on, from its first bytes: text that is not
/// UTF-8 (UTF-16, Latin-1), binary data or an archive under a text name, or a Parquet file without its
/// header or footer. Runs only after DuckDB failed on the file, so clean input never pays for it.
/// </summary>
internal static class ContentCheck
{
    const int PeekBytes = 64 * 1024;

    // Control bytes no text file holds (tab, line breaks, form feed and escape are left out); the dataset validator
    // allows no delimiter or quote among them.
    static readonly SearchValues<byte> Control = SearchValues.Create([0, 1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31]);

    /// <summary>What a CSV file in another encoding than UTF-8 is told: JSON must be UTF-8, CSV may say otherwise.</summary>
    public const string CsvUtf8Hint = "it must be UTF-8, or the dataset must declare its encoding (\"csv\": {\"encoding\": \"latin-1\"})";

    const string CsvUtf16Hint = "it must be UTF-8, or the dataset must declare its encoding (\"csv\": {\"encoding\": \"utf-16\"})";

    /// <summary>
    /// The problem with <paramref name="path"/> read as <paramref name="format"/> in <paramref name="encoding"/> (which
    /// only CSV declares), or null when its bytes look fine.
    /// </summary>
    public static string? Problem(string path, SourceFormat format, CsvEncoding encoding = CsvEncoding.Utf8)
    {
        try
        {
            return format == SourceFormat.Parquet ? ParquetProblem(path) : TextProblem(path, format == SourceFormat.Csv ? encoding : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // csv: the encoding a CSV file declares; null for JSON, which is UTF-8 by definition.
    static string? TextProblem(string path, CsvEncoding? csv = null)
    {
        var head = Peek(path, decompress: false);
        var gzip = head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B;
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            if (!gzip)
            {
                return "the name ends in .gz but the content is not gzip-compressed";
            }

            try
            {
                head = Peek(path, decompress: true);
            }
            catch (InvalidDataException)
            {
                return "the gzip data is corrupt or cut short";
            }
        }
        else if (gzip)
        {
            return "the content is gzip-compressed but the name does not end in .gz";
        }

        if (KnownKind(head, csv) is { } kind)
        {
            return kind;
        }

        return csv switch
        {
            CsvEncoding.Utf16 => null,
            CsvEncoding.Latin1 => Binary(head, csv),
            _ => Binary(head, csv) ?? NotUtf8(head, csv),
        };
    }

    static string? KnownKind(ReadOnlySpan<byte> head, CsvEncoding? csv) => head switch
    {
        [0xFF, 0xFE, 0, 0, ..] or [0, 0, 0xFE, 0xFF, ..] => "the text is UTF-32 (it starts with a UTF-32 byte order mark); it must be UTF-8",
        [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] when csv != CsvEncoding.Utf16 =>
            $"the text is UTF-16 (it starts with a UTF-16 byte order mark); {(csv is null ? "it must be UTF-8" : CsvUtf16Hint)}",
        [(byte)'P', (byte)'K', 3, 4, ..] => "the file is a ZIP archive (an Excel workbook?), not text",
        [(byte)'P', (byte)'A', (byte)'R', (byte)'1', ..] => "the file is Parquet, not text",
        _ => null,
    };

    static string? Binary(ReadOnlySpan<byte> head, CsvEncoding? csv)
    {
        var control = head.IndexOfAny(Control);
        if (control < 0)
        {
            return null;
        }

        // ASCII in UTF-16 without a byte order mark: every other byte is zero.
        var sample = head[..Math.Min(head.Length, 512)];
        var zeros = (Odd: 0, Even: 0);
        for (var i = 0; i < sample.Length; i++)
        {
            zeros = sample[i] != 0 ? zeros : i % 2 == 0 ? zeros with { Even = zeros.Even + 1 } : zeros with { Odd = zeros.Odd + 1 };
        }

        var half = sample.Length / 2;
        return half > 0 && Math.Max(zeros.Odd, zeros.Even) * 10 >= half * 9
            ? $"the text looks like UTF-16 (every other byte is zero); {(csv is null ? "it must be UTF-8" : CsvUtf16Hint)}"
            : $"binary data, not text (byte 0x{head[control]:X2} at offset {control})";
    }

    static string? NotUtf8(ReadOnlySpan<byte> head, CsvEncoding? csv)
    {
        var chars = ArrayPool<char>.Shared.Rent(head.Length);
        try
        {
            // Not the final block: a character cut at the end of the peek is not an error.
            var status = Utf8.ToUtf16(head, chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: false);
            if (status != OperationStatus.InvalidData)
            {
                return null;
            }

            var line = head[..read].Count((byte)'\n') + 1;
            return $"line {line} is not UTF-8 text (byte 0x{head[read]:X2} at offset {read}: Latin-1 or Windows-1252?); {(csv is null ? "it must be UTF-8" : CsvUtf8Hint)}";
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    static string? ParquetProblem(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        if (file.Length < 12)
        {
            return $"the file is {file.Length} bytes long, too short to be Parquet";
        }

        file.ReadExactly(magic);
        if (!magic.SequenceEqual("PAR1"u8))
        {
            return TextProblem(path) is { } text ? $"not a Parquet file: {text}" : "not a Parquet file (it does not start with PAR1)";
        }

        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(magic);
        return magic.SequenceEqual("PAR1"u8) ? null : "the file is cut short: its Parquet footer is missing (it does not end with PAR1)";
    }

    static byte[] Peek(string path, bool decompress)
    {
        using var file = File.OpenRead(path);
        using Stream stream = decompress ? new GZipStream(file, CompressionMode.Decompress) : file;
        var buffer = new byte[PeekBytes];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return buffer[..read];
    }
}
