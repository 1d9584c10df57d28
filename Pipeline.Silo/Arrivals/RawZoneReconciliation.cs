using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pipeline.Core.Datasets;
using Pipeline.Core.Lake;

namespace Pipeline.Silo.Arrivals;

/// <summary>
/// Reconciliation over any <see cref="ILakeStore"/>: lists <c>raw/&lt;dataset&gt;/</c> and records what the
/// arrival feed did not report. Each pass lists at most <see cref="ReconcileOptions.MaxObjectsPerPass"/>
/// objects and the next resumes after the last key, so the LIST requests of a pass are bounded however
/// large the raw zone grows. What was recorded is remembered (a 128-bit hash of key and ETag) so a pass
/// only asks the grain about objects it has not seen.
/// </summary>
public sealed partial class RawZoneReconciliation(
    ILakeStore lake, IArrivalSink sink, IOptions<ReconcileOptions> options, ReconcileMetrics metrics, ILogger<RawZoneReconciliation> logger)
{
    const int BatchSize = 500;
    readonly ConcurrentDictionary<string, string?> cursors = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, HashSet<UInt128>> known = new(StringComparer.Ordinal);

    /// <summary>One pass over a dataset's raw zone; returns how many new arrivals it recorded.</summary>
    public async Task<int> PassAsync(string dataset, CancellationToken cancellationToken = default)
    {
        var prefix = $"{LakeLayout.Raw}/{dataset}/";
        var seen = known.GetOrAdd(dataset, _ => []);
        var notices = new List<(ArrivalNotice Notice, UInt128 Hash)>();
        string? last = null;
        var listed = 0;
        var complete = true;
        await foreach (var item in lake.ListAfterAsync(prefix, cursors.GetValueOrDefault(dataset), cancellationToken))
        {
            last = item.Key;
            var hash = Hash(item.Key, item.ETag);
            if (!FileNames.IsTemporary(item.Key[prefix.Length..]) && !seen.Contains(hash))
            {
                notices.Add((new ArrivalNotice(item.Key, item.ETag, item.Size), hash));
            }

            if (++listed == options.Value.MaxObjectsPerPass)
            {
                complete = false;
                break;
            }
        }

        var recorded = 0;
        foreach (var batch in notices.Chunk(BatchSize))
        {
            if (await sink.RecordAsync(dataset, batch.Select(n => n.Notice).ToList(), cancellationToken) is not { } result)
            {
                break;
            }

            recorded += result.Recorded;
            batch.ToList().ForEach(n => seen.Add(n.Hash));
        }

        // Moved on only once what was listed is recorded: a failed recording lists the same objects again next pass.
        cursors[dataset] = complete ? null : last;

        metrics.Pass(dataset, listed, recorded);
        LogPass(logger, dataset, listed, recorded);
        if (recorded > 0)
        {
            LogFound(logger, recorded, dataset);
        }

        return recorded;
    }

    static UInt128 Hash(string key, string etag)
    {
        Span<byte> digest = stackalloc byte[16];
        MD5.HashData(Encoding.UTF8.GetBytes(key + "\n" + etag), digest);
        return new UInt128(BitConverter.ToUInt64(digest[..8]), BitConverter.ToUInt64(digest[8..]));
    }

    [LoggerMessage(EventId = 412, Level = LogLevel.Debug, Message = "Reconciliation pass over {DatasetId} ended: {Listed} listed, {Recorded} recorded")]
    static partial void LogPass(ILogger logger, string datasetId, int listed, int recorded);

    [LoggerMessage(EventId = 410, Level = LogLevel.Information,
        Message = "Reconciliation found {Count} file(s) in the raw zone of {DatasetId} that no notification had reported")]
    static partial void LogFound(ILogger logger, int count, string datasetId);
}
