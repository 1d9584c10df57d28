using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Core.State;
using Pipeline.Core.Transform;

namespace Pipeline.Silo.Stages;

/// <summary>
/// A run's raw files as they are now: those still holding the content that arrived, and those that cannot be
/// read as it (gone, replaced by newer content, or named in bytes that are not UTF-8), with the reason.
/// </summary>
public sealed record RunInputs(IReadOnlyList<TransformInput> Readable, IReadOnlyList<QuarantineInfo> Unreadable, string? LostContent)
{
    /// <summary>The reason shown for a name that is not UTF-8.</summary>
    public const string NotUtf8 = "the file name is not valid UTF-8, so the file cannot be opened by it; rename the file using UTF-8";

    /// <summary>Checks every arrival of the run against the lake.</summary>
    public static async Task<RunInputs> ResolveAsync(IArrivalLog arrivals, ILakeStore lake, string dataset, string runId, CancellationToken cancellationToken)
    {
        var readable = new List<TransformInput>();
        var unreadable = new List<QuarantineInfo>();
        string? lost = null;
        foreach (var record in await arrivals.ForRunAsync(dataset, runId, cancellationToken))
        {
            var now = await lake.StatAsync(record.Key, cancellationToken);
            if (now is not null && now.ETag == record.ETag)
            {
                readable.Add(new TransformInput(await lake.GetLocalPathAsync(record.Key, cancellationToken), record.Key, record.Sequence));
                continue;
            }

            // .NET maps name bytes that are not UTF-8 to U+FFFD, so such a file cannot be opened by its key (and never was).
            var reason = record.Key.Contains('\uFFFD', StringComparison.Ordinal) ? NotUtf8
                : now is null ? "the file no longer exists in the raw zone"
                : "the file was replaced by newer content before this run read it; the newer content is its own arrival";
            unreadable.Add(new QuarantineInfo(record.Key, reason, null));
            lost ??= reason == NotUtf8 ? null : $"{record.Key}: {reason}";
        }

        return new RunInputs(readable, unreadable, lost);
    }
}
