using System.Text;
using System.Text.Json;

namespace Pipeline.Spark.Engine;

/// <summary>
/// Splits an NDJSON file DuckDB refused into its good lines and its malformed ones. DuckDB's JSON reader has no
/// rejects table and fails on the first bad record, so each line is checked here: one complete JSON object.
/// </summary>
internal static class NdJsonLines
{
    /// <summary>A line that is not a JSON object, with its number (from 1) and why.</summary>
    public sealed record BadLine(long Line, string Reason, string Text);

    /// <summary>
    /// The good lines in <paramref name="copy"/> (each bad one left blank, so line numbers keep), and the bad ones;
    /// <paramref name="good"/> counts the lines that hold an object.
    /// </summary>
    public static List<BadLine> Split(string path, string copy, int textLimit, out long good, CancellationToken cancellationToken)
    {
        var bad = new List<BadLine>();
        good = 0;
        using var source = InputFiles.Open(path);
        using var target = File.Create(copy);
        var reader = new LineReader(source);
        long number = 0;
        while (reader.Next() is { } line)
        {
            if (++number % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var span = number == 1 && line.Span.StartsWith("\xEF\xBB\xBF"u8) ? line.Span[3..] : line.Span;
            if (span.Trim(" \t\r"u8).IsEmpty)
            {
                target.Write("\n"u8);
                continue;
            }

            if (Problem(span) is { } problem)
            {
                bad.Add(new BadLine(number, problem, Text(span, textLimit)));
                target.Write("\n"u8);
                continue;
            }

            good++;
            target.Write(span);
            target.Write("\n"u8);
        }

        return bad;
    }

    static string? Problem(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = JsonNesting.MaxDepth + 1 });
        try
        {
            if (!reader.Read())
            {
                return "the line holds no JSON value";
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return $"the line holds a JSON {Kind(reader.TokenType)}, not an object";
            }

            reader.Skip();
            if (reader.Read())
            {
                return "the line holds more than one JSON value";
            }

            return null;
        }
        catch (JsonException e) when (reader.BytesConsumed >= line.Length || e.Message.StartsWith("Expected depth to be zero", StringComparison.Ordinal))
        {
            return "the record is cut short (the line ends inside it)";
        }
        catch (JsonException e)
        {
            return "invalid JSON: " + Plain(e.Message);
        }
    }

    // "'x' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 9." names a position in the line.
    static string Plain(string message)
    {
        var at = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        var position = message.IndexOf("BytePositionInLine: ", StringComparison.Ordinal);
        if (at < 0 || position < 0)
        {
            return message;
        }

        var column = message[(position + "BytePositionInLine: ".Length)..].TrimEnd('.');
        return $"{message[..at].TrimEnd('.')} (at byte {column} of the line)";
    }

    static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => "value",
    };

    static string Text(ReadOnlySpan<byte> line, int limit)
    {
        var text = Encoding.UTF8.GetString(line[..Math.Min(line.Length, limit * 4)]).TrimEnd('\r');
        return text.Length > limit ? text[..limit] + "..." : text;
    }

    // Lines as byte spans over a growing buffer: a line is never decoded unless it is bad.
    sealed class LineReader(Stream stream)
    {
        byte[] _buffer = new byte[1 << 16];
        int _start, _end;
        bool _done;

        public ReadOnlyMemory<byte>? Next()
        {
            while (true)
            {
                var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var line = _buffer.AsMemory(_start, newline);
                    _start += newline + 1;
                    return line;
                }

                if (_done)
                {
                    if (_start == _end)
                    {
                        return null;
                    }

                    var last = _buffer.AsMemory(_start, _end - _start);
                    _start = _end;
                    return last;
                }

                Fill();
            }
        }

        void Fill()
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                (_end, _start) = (_end - _start, 0);
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            _done = read == 0;
            _end += read;
        }
    }
}
