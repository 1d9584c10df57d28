using Pipeline.Core.Transform;
using Pipeline.Spark.Planning;

namespace Pipeline.Spark.Engine;

/// <summary>
/// Gets a JSON file ready for DuckDB's reader: sets aside files nested too deep for it, and reads a file that
/// starts with a UTF-8 byte order mark (which the reader refuses) from a copy without it.
/// </summary>
internal static class JsonInput
{
    static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// The input to read in place of <paramref name="input"/>, or null with <paramref name="problem"/> set when
    /// the file must be quarantined. Copies go below <paramref name="tempDirectory"/>; without one, a BOM is a problem.
    /// </summary>
    public static TransformInput? Prepare(TransformInput input, SourceFormat format, string? tempDirectory, out string? problem)
    {
        problem = null;
        if (format is not (SourceFormat.NdJson or SourceFormat.JsonArray))
        {
            return input;
        }

        if (JsonNesting.TooDeepAt(input.Path, format) is { } offset)
        {
            problem = FileFaultReason.Format(input, format,
                $"values are nested more than {JsonNesting.MaxDepth} levels deep (at byte {offset}), more than the reader takes");
            return null;
        }

        if (!StartsWithBom(input.Path))
        {
            return input;
        }

        if (tempDirectory is null)
        {
            problem = FileFaultReason.Format(input, format, "it starts with a UTF-8 byte order mark, which the JSON reader does not take");
            return null;
        }

        return input with { Path = CopyWithoutBom(input, format, tempDirectory) };
    }

    static bool StartsWithBom(string path)
    {
        try
        {
            using var stream = InputFiles.Open(path);
            Span<byte> head = stackalloc byte[3];
            return stream.ReadAtLeast(head, 3, throwOnEndOfStream: false) == 3 && head.SequenceEqual(Bom);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    // Decompressed and named by its format, so the reader needs no hint about either.
    static string CopyWithoutBom(TransformInput input, SourceFormat format, string tempDirectory)
    {
        var copy = InputFiles.NewCopy(tempDirectory, input.ArrivalSequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            format == SourceFormat.JsonArray ? ".json" : ".ndjson");
        using var source = InputFiles.Open(input.Path);
        source.ReadExactly(new byte[Bom.Length]);
        using var target = File.Create(copy);
        source.CopyTo(target);
        return copy;
    }
}
