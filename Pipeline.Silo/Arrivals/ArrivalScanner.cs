using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Pipeline.Core.Datasets;
using Pipeline.Core.Grains;
using Pipeline.Core.Lake;
using Pipeline.Silo.Hosting;

namespace Pipeline.Silo.Arrivals;

/// <summary>
/// The local arrival feed: a watch on <c>raw/</c> plus a reconciliation listing at start-up and
/// periodically, so files copied by hand are found even when a watch event is lost. Temporary names
/// and files still being written (changed within <see cref="SiloOptions.StableAfter"/>) are not
/// arrivals yet. The grain makes every (key, ETag) count once; this only avoids asking it twice.
/// </summary>
public sealed partial class ArrivalScanner(
    LakeLayout lake, IArrivalSink sink, DatasetNotices notices, TimeProvider time, IOptions<SiloOptions> options,
    ILogger<ArrivalScanner> logger) : BackgroundService
{
    const int BatchSize = 500;
    const string InvalidName = "name-not-utf8";
    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);

    // The registry is asked every two seconds (uploads through the Api are recorded at once anyway).
    const int RegistryEveryTicks = 4;
    long ticks = -1;
    static readonly TimeSpan RewatchAfter = TimeSpan.FromSeconds(30);

    readonly ConcurrentDictionary<string, byte> dirty = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, HashSet<string>> known = new(StringComparer.Ordinal);
    volatile bool rewatch;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        FileSystemWatcher? watcher = null;
        var lastFull = DateTimeOffset.MinValue;
        var lastWatch = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            do
            {
                // A raw zone deleted under a running silo (a clean-up by hand) comes back empty; its watch with it. A
                // watch that keeps failing (the inotify limit) is made again at most every RewatchAfter, the
                // periodic listing finding files meanwhile.
                var now = time.GetUtcNow();
                if (watcher is not null && !Directory.Exists(watcher.Path) || (watcher is null || rewatch) && now - lastWatch >= RewatchAfter)
                {
                    watcher?.Dispose();
                    watcher = null;
                    lastWatch = now;
                    try
                    {
                        watcher = Watch();
                        lastFull = DateTimeOffset.MinValue;
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
                    {
                        LogWatchLost(logger, ex);
                    }
                }

                if (time.GetUtcNow() - lastFull >= options.Value.ReconcileInterval)
                {
                    MarkAllDirty();
                    lastFull = time.GetUtcNow();
                }

                if (++ticks % RegistryEveryTicks == 0)
                {
                    await NoticeRegisteredAsync(stoppingToken);
                }

                await ScanDirtyAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        finally
        {
            watcher?.Dispose();
        }
    }

    // A dataset registered through any silo is looked at as soon as this one hears of it.
    async Task NoticeRegisteredAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var id in await notices.NewAsync(stoppingToken))
            {
                dirty[id] = 0;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The cluster is not reachable yet (the silo is starting or stopping): the periodic listing covers it.
            LogRegistryUnreachable(logger, ex);
        }
    }

    FileSystemWatcher Watch()
    {
        rewatch = false;
        lake.EnsureCreated();
        var watcher = new FileSystemWatcher(lake.Zone(LakeLayout.Raw)) { IncludeSubdirectories = true };
        watcher.Created += (_, e) => MarkDirty(e.FullPath);
        watcher.Changed += (_, e) => MarkDirty(e.FullPath);
        watcher.Renamed += (_, e) => MarkDirty(e.FullPath);
        watcher.Error += (_, e) =>
        {
            // Events were lost (or the folder went away): list everything again on a new watch.
            LogWatchLost(logger, e.GetException());
            rewatch = true;
            MarkAllDirty();
        };
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    async Task ScanDirtyAsync(CancellationToken stoppingToken)
    {
        foreach (var dataset in dirty.Keys)
        {
            dirty.TryRemove(dataset, out _);
            try
            {
                await ScanAsync(dataset, stoppingToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or GrainException or OrleansException or TimeoutException)
            {
                // One unreadable folder or file must not stop the watch of every other dataset; the next periodic
                // listing (or a watch event) tries it again, rather than every tick.
                LogScanFailed(logger, dataset, ex);
            }
        }
    }

    void MarkDirty(string fullPath)
    {
        var relative = Path.GetRelativePath(lake.Zone(LakeLayout.Raw), fullPath);
        var dataset = relative.Split(Path.DirectorySeparatorChar)[0];
        if (DatasetId.IsValid(dataset))
        {
            dirty[dataset] = 0;
        }
    }

    void MarkAllDirty()
    {
        var raw = lake.Zone(LakeLayout.Raw);
        if (!Directory.Exists(raw))
        {
            return;
        }

        try
        {
            foreach (var folder in Directory.EnumerateDirectories(raw))
            {
                MarkDirty(Path.Combine(folder, "x"));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Deleted (or made unreadable) while listed: the next tick makes it again, or logs the scan failure.
        }
    }

    async Task ScanAsync(string dataset, CancellationToken cancellationToken)
    {
        var folder = lake.DatasetFolder(LakeLayout.Raw, dataset);
        if (!Directory.Exists(folder))
        {
            return;
        }

        var seen = known.GetOrAdd(dataset, _ => new HashSet<string>(StringComparer.Ordinal));
        var now = time.GetUtcNow();
        var notices = new List<ArrivalNotice>();
        var unsettled = false;
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var file = new FileInfo(path);
            if (FileNames.IsTemporary(Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/')))
            {
                continue;
            }

            if (!file.Exists)
            {
                // A name that is not UTF-8 cannot be opened through .NET: record it so its run says why.
                if (path.Contains('\uFFFD', StringComparison.Ordinal) && !seen.Contains(lake.KeyOf(path) + "\n" + InvalidName))
                {
                    notices.Add(new ArrivalNotice(lake.KeyOf(path), InvalidName, 0));
                }

                continue;
            }

            if (now - file.LastWriteTimeUtc < options.Value.StableAfter)
            {
                unsettled = true;
                continue;
            }

            var notice = new ArrivalNotice(lake.KeyOf(path), FileNames.LocalETag(file), file.Length);
            if (!seen.Contains(notice.Key + "\n" + notice.ETag))
            {
                notices.Add(notice);
            }
        }

        if (unsettled)
        {
            dirty[dataset] = 0;
        }

        foreach (var batch in notices.Chunk(BatchSize))
        {
            // Null: the dataset is not registered (any more).
            if (await sink.RecordAsync(dataset, batch, cancellationToken) is not { } result)
            {
                return;
            }

            batch.ToList().ForEach(n => seen.Add(n.Key + "\n" + n.ETag));
            if (result.Recorded > 0)
            {
                LogFound(logger, result.Recorded, dataset);
            }
        }
    }

    [LoggerMessage(EventId = 403, Level = LogLevel.Debug, Message = "The dataset registry is not reachable yet; registered datasets are found by the next listing")]
    static partial void LogRegistryUnreachable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "The watch on the raw zone lost events; listing it again")]
    static partial void LogWatchLost(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Scanning the raw zone of {DatasetId} failed; it is tried again at the next listing")]
    static partial void LogScanFailed(ILogger logger, string datasetId, Exception exception);

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Found {Count} new file(s) in the raw zone of {DatasetId}")]
    static partial void LogFound(ILogger logger, int count, string datasetId);
}
