using System.IO.Compression;

namespace Pipeline.Spark.Engine;

/// <summary>
/// An input file's text as the readers see it (a <c>.gz</c> name is read decompressed), and the attempt's copies of
/// inputs: a JSON file without its byte order mark, the good lines of an NDJSON file, the rest of a CSV file after a
/// quote left open, a clean sample to sniff. The engine deletes the copies when the attempt ends.
/// </summary>
internal static class InputFiles
{
    /// <summary>The file's text, decompressed when its name ends in <c>.gz</c>.</summary>
    public static Stream Open(string path, int bufferSize = 4096)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, FileOptions.SequentialScan);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>The folder below the attempt's temp folder that holds the copies.</summary>
    public static string CopyFolder(string tempDirectory) => Path.Combine(tempDirectory, "inputs");

    /// <summary>A new, unique path for a copy named <c>&lt;label&gt;-&lt;guid&gt;&lt;extension&gt;</c>; the folder is created.</summary>
    public static string NewCopy(string tempDirectory, string label, string extension)
    {
        var folder = CopyFolder(tempDirectory);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{label}-{Guid.NewGuid():N}{extension}");
    }
}
