namespace Pipeline.DuckDb.Tests;

/// <summary>Counts this process's open file descriptors on a path (Linux /proc), to see native closes happen.</summary>
public static class OpenFiles
{
    public static int CountFor(string path)
    {
        var full = Path.GetFullPath(path);
        var count = 0;
        foreach (var descriptor in Directory.EnumerateFiles("/proc/self/fd"))
        {
            try
            {
                var target = new FileInfo(descriptor).LinkTarget;
                if (target is not null && target.StartsWith(full, StringComparison.Ordinal))
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // The descriptor closed while we looked at it.
            }
        }

        return count;
    }
}
