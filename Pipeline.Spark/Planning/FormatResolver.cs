using System.IO.Compression;
using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;

namespace Pipeline.Spark.Planning;

/// <summary>Decides how each input file is read: the dataset's format, or its extension for <c>auto</c>.</summary>
public static class FormatResolver
{
    const int PeekBytes = 4096;

    /// <summary>
    /// The format <paramref name="path"/> is read with, or null when <c>auto</c> cannot tell from the extension.
    /// JSON files are peeked at to tell an array from one object per line.
    /// </summary>
    public static SourceFormat? Resolve(DataFormat format, string path) => format switch
    {
        DataFormat.Csv => SourceFormat.Csv,
        DataFormat.NdJson => SourceFormat.NdJson,
        DataFormat.Parquet => SourceFormat.Parquet,
        DataFormat.Json => PeekJson(path),
        _ => Extension(path) switch
        {
            ".csv" or ".tsv" => SourceFormat.Csv,
            ".ndjson" or ".jsonl" => SourceFormat.NdJson,
            ".json" => PeekJson(path),
            ".parquet" when !IsGzip(path) => SourceFormat.Parquet,
            _ => null,
        },
    };

    /// <summary>The CSV delimiter for <paramref name="path"/>: a tab for <c>.tsv</c> under <c>auto</c>, else the spec's.</summary>
    public static string CsvDelimiter(DatasetSpec spec, string path) =>
        spec.Format == DataFormat.Auto && Extension(path) == ".tsv" ? "\t" : spec.CsvDelimiter;

    /// <summary>Whether the dataset fixes the delimiter of <paramref name="path"/> (declared, or <c>.tsv</c> under <c>auto</c>).</summary>
    public static bool DelimiterDeclared(DatasetSpec spec, string path) =>
        spec.CsvDeclared.HasFlag(CsvDeclared.Delimiter) || spec.Format == DataFormat.Auto && Extension(path) == ".tsv";

    /// <summary>The dialect the dataset's options (or their defaults) give <paramref name="path"/>.</summary>
    public static CsvDialect DeclaredCsv(DatasetSpec spec, string path) =>
        new(CsvDelimiter(spec, path), spec.CsvQuote, spec.CsvQuote, spec.CsvHeader, 0, "", DialectSource.Declared);

    static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    // The extension that names the content: "x.csv.gz" -> ".csv".
    static string Extension(string path)
    {
        var name = Path.GetFileName(path);
        if (IsGzip(name))
        {
            name = name[..^3];
        }

        return Path.GetExtension(name).ToLowerInvariant();
    }

    // DuckDB's format='auto' would also tell them apart, but Spark's reader must be told (multiLine).
    static SourceFormat PeekJson(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            using Stream stream = IsGzip(path) ? new GZipStream(file, CompressionMode.Decompress) : file;
            var buffer = new byte[PeekBytes];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
                {
                    continue;
                }

                return b == (byte)'[' ? SourceFormat.JsonArray : SourceFormat.NdJson;
            }
        }
        catch (InvalidDataException)
        {
            // Not really gzip: let the reader report it when the file is probed.
        }

        return SourceFormat.NdJson;
    }
}
