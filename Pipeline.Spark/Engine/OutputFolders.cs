using Pipeline.Core.Transform;

namespace Pipeline.Spark.Engine;

/// <summary>The run-scoped output and quarantine folders, emptied at the start of every attempt.</summary>
internal static class OutputFolders
{
    /// <summary>
    /// Checks the (absolute) folders are safe to empty: below the root, distinct, and holding none of the
    /// inputs (a misconfigured request must not delete the raw zone).
    /// </summary>
    public static void Validate(TransformRequest request)
    {
        foreach (var folder in new[] { request.OutputDir, request.QuarantineDir })
        {
            if (string.IsNullOrEmpty(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))))
            {
                throw new TransformException($"'{folder}' must be a folder below the root.", transient: false);
            }

            var prefix = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
            var inside = request.Files.FirstOrDefault(f => f.Path.StartsWith(prefix, StringComparison.Ordinal));
            if (inside is not null)
            {
                throw new TransformException($"Input {inside.Path} lies inside '{folder}', which every attempt empties.", transient: false);
            }
        }

        if (Overlap(request.OutputDir, request.QuarantineDir))
        {
            throw new TransformException("OutputDir and QuarantineDir must be separate folders (neither inside the other).", transient: false);
        }
    }

    /// <summary>Deletes <paramref name="folder"/> with its content and creates it empty.</summary>
    public static void Reset(string folder) => Create(folder, empty: true);

    /// <summary>Creates <paramref name="folder"/> (and its parents) if needed; I/O trouble is a transient fault.</summary>
    public static void Create(string folder, bool empty = false)
    {
        try
        {
            if (empty && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TransformException($"Could not prepare '{folder}': {e.Message}", transient: true, e);
        }
    }

    static bool Overlap(string a, string b) =>
        a == b || a.StartsWith(b + Path.DirectorySeparatorChar, StringComparison.Ordinal) || b.StartsWith(a + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
