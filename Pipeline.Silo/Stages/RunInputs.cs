using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Core.State;
using Pipeline.Core.Transform;

namespace Pipeline.Silo.Stages;

/// <summary>
/// A run's raw files as they are now: those still holding the content that arrived, and those that cannot be
/// read as it (gone, replaced by newer content, or named in bytes that are not UTF-8), with the reason.
/// </summary>
public sealed record RunInputs(IReadOnlyList<TransformInput> Readable, IReadOnlyList<QuarantineInfo> Unreadable)
{
    /// <summary>The reason shown for a name that is not UTF-8.</summary>
    public const string NotUtf8 = "the file name is not valid UTF-8, so the file cannot be opened by it; rename the file using UTF-8";

    /// <summary>
    /// Checks every arrival of the run against the lake; <paramref name="download"/> false only stats them (the
    /// inputs' paths are then their keys), enough for <see cref="Lost"/>.
    /// </summary>
    public static async Task<RunInputs> ResolveAsync(
        IArrivalLog arrivals, ILakeStore lake, string dataset, string runId, bool download, CancellationToken cancellationToken)
    {
        var readable = new List<TransformInput>();
        var unreadable = new List<QuarantineInfo>();
        foreach (var record in await arrivals.ForRunAsync(dataset, runId, cancellationToken))
        {
            var now = await lake.StatAsync(record.Key, cancellationToken);
            if (now is not null && now.ETag == record.ETag)
            {
                var path = download ? await lake.GetLocalPathAsync(record.Key, cancellationToken) : record.Key;
                readable.Add(new TransformInput(path, record.Key, record.Sequence));
                continue;
            }

            // .NET maps name bytes that are not UTF-8 to U+FFFD, so such a file cannot be opened by its key (and never was).
            var reason = record.Key.Contains('\uFFFD', StringComparison.Ordinal) ? NotUtf8
                : now is null ? "the file no longer exists in the raw zone"
                : "the file was replaced by newer content before this run read it; the newer content is its own arrival";
            unreadable.Add(new QuarantineInfo(record.Key, reason, null));
        }

        return new RunInputs(readable, unreadable);
    }

    /// <summary>
    /// The first content a reprocess would drop ("key: reason"), or null: an unreadable file counts unless its name is
    /// not UTF-8, another arrival of the run still reads the key, or the run's earlier pass skipped it too.
    /// </summary>
    public string? Lost(IEnumerable<string> skippedBefore)
    {
        var kept = Readable.Select(r => r.SourceKey).Concat(skippedBefore).ToHashSet(StringComparer.Ordinal);
        return Unreadable.FirstOrDefault(u => u.Reason != NotUtf8 && !kept.Contains(u.SourceKey)) is { } lost
            ? $"{lost.SourceKey}: {lost.Reason}"
            : null;
    }
}
