using Pipeline.Core.Transform;

namespace Pipeline.Spark.Engine;

/// <summary>The run-scoped output and quarantine folders, emptied at the start of every attempt.</summary>
internal static class OutputFolders
{
    /// <summary>
    /// Checks the folders are safe to empty: absolute, distinct, and holding none of the inputs (a
    /// misconfigured request must not delete the raw zone).
    /// </summary>
    public static void Validate(TransformRequest request)
    {
        foreach (var folder in new[] { request.OutputDir, request.QuarantineDir })
        {
            if (!Path.IsPathFullyQualified(folder) || Path.GetPathRoot(folder) == Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar
                || Path.GetPathRoot(folder) == folder)
            {
                throw new TransformException($"'{folder}' must be an absolute folder below the root.", transient: false);
            }

            var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
            var inside = request.Files.FirstOrDefault(f => Path.GetFullPath(f.Path).StartsWith(prefix, StringComparison.Ordinal));
            if (inside is not null)
            {
                throw new TransformException($"Input {inside.Path} lies inside '{folder}', which every attempt empties.", transient: false);
            }
        }

        if (Same(request.OutputDir, request.QuarantineDir))
        {
            throw new TransformException("OutputDir and QuarantineDir must differ.", transient: false);
        }
    }

    /// <summary>Deletes <paramref name="folder"/> with its content and creates it empty.</summary>
    public static void Reset(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TransformException($"Could not empty '{folder}': {e.Message}", transient: true, e);
        }
    }

    static bool Same(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
