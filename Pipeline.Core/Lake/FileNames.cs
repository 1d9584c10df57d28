namespace Pipeline.Core.Lake;

/// <summary>Rules for file names given by users (uploads) and found in the raw zone.</summary>
public static class FileNames
{
    /// <summary>Longest accepted name, in UTF-8 bytes of the path relative to the dataset folder.</summary>
    public const int MaxLength = 1024;

    /// <summary>
    /// Checks an upload name: a relative path of plain segments (sub-folders allowed), no <c>..</c> or
    /// <c>.</c> segment, not absolute, no control characters or backslashes, no hidden/temporary name.
    /// Returns null when valid, else the reason.
    /// </summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "is required";
        }

        if (System.Text.Encoding.UTF8.GetByteCount(name) > MaxLength)
        {
            return $"must be at most {MaxLength} bytes";
        }

        if (name.Any(c => char.IsControl(c) || c == '\\'))
        {
            return "must not contain control characters or backslashes";
        }

        if (name.StartsWith('/') || name.EndsWith('/'))
        {
            return "must be a relative file path (no leading or trailing '/')";
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                return "must not contain empty, '.' or '..' path segments";
            }
        }

        return IsTemporary(name) ? "must not be a hidden or temporary name (., _, ~, .tmp, .part)" : null;
    }

    /// <summary>Names that are never arrivals: hidden, temporary, partial downloads, our own staging.</summary>
    public static bool IsTemporary(string relativePath) =>
        relativePath.Split('/').Any(s => s.StartsWith('.') || s.StartsWith('_') || s.EndsWith('~'))
        || relativePath.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
        || relativePath.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
        || relativePath.EndsWith(".crdownload", StringComparison.OrdinalIgnoreCase)
        || relativePath.EndsWith(".swp", StringComparison.OrdinalIgnoreCase);

    /// <summary>The local ETag of a file: size and last-write time, so a changed file is a new arrival.</summary>
    public static string LocalETag(FileInfo file) =>
        $"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}";
}
