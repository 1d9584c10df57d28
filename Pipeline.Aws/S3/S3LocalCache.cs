using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Pipeline.Aws.S3;

/// <summary>
/// Local copies of objects for the engines: <c>&lt;root&gt;/&lt;zone&gt;/...</c> mirrors the lake keys, and
/// <c>&lt;root&gt;/.etags/</c> remembers the ETag of each copy. A copy is used again only when S3 answers
/// 304 to a GET conditional on that ETag, so a replaced object is always downloaded again. The cache keeps
/// <see cref="MaxBytes"/>: beyond, the copies used least recently (each use sets the file's access time) and not
/// within <see cref="KeepRecent"/> are deleted.
/// </summary>
internal sealed class S3LocalCache(IAmazonS3 s3, string bucket, S3Keys keys, string root, S3LakeMetrics metrics, TimeProvider time)
{
    static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    readonly SemaphoreSlim[] locks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    DateTimeOffset lastPrune = DateTimeOffset.MinValue;
    int pruning;

    /// <summary>Bytes of copies to keep.</summary>
    public long MaxBytes { get; init; } = long.MaxValue;

    /// <summary>Copies used within this time are kept whatever the size.</summary>
    public TimeSpan KeepRecent { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The cache folder (absolute).</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The local folder of a zone.</summary>
    public string ZoneFolder(string zone) => Path.Combine(Root, zone);

    /// <summary>Where the copy of a lake key lives; throws when the key escapes the cache.</summary>
    public string PathOf(string lakeKey) => Inside(Path.Combine(Root, lakeKey));

    /// <summary>A local path with the object's current content, downloaded when missing or stale.</summary>
    public async Task<string> GetAsync(string lakeKey, CancellationToken cancellationToken)
    {
        var path = PathOf(lakeKey);
        var gate = Gate(lakeKey);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var cached = File.Exists(path) ? ReadETag(lakeKey) : null;
            var request = new GetObjectRequest { BucketName = bucket, Key = keys.ObjectKey(lakeKey) };
            if (cached is not null)
            {
                request.EtagToNotMatch = $"\"{cached}\"";
            }

            try
            {
                using var response = await s3.GetObjectAsync(request, cancellationToken);
                if (response.HttpStatusCode == HttpStatusCode.NotModified)
                {
                    metrics.LocalCopy(downloaded: false);
                    Touch(path);
                    return path;
                }

                var temp = TempBeside(path);
                try
                {
                    await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
                    {
                        await response.ResponseStream.CopyToAsync(file, cancellationToken);
                    }

                    File.Move(temp, path, overwrite: true);
                }
                finally
                {
                    File.Delete(temp);
                }

                WriteETag(lakeKey, S3Keys.BareETag(response.ETag));
                metrics.LocalCopy(downloaded: true);
                Touch(path);
                return path;
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotModified)
            {
                metrics.LocalCopy(downloaded: false);
                Touch(path);
                return path;
            }
        }
        finally
        {
            gate.Release();
            PruneSoon();
        }
    }

    /// <summary>Keeps a file just uploaded as the copy of its key (moved, not copied).</summary>
    public async Task AdoptAsync(string localPath, string lakeKey, string etag, CancellationToken cancellationToken)
    {
        // Under the key's gate: a download of the older object must not land after this and take its ETag.
        var path = PathOf(lakeKey);
        var gate = Gate(lakeKey);
        await gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(localPath, path, overwrite: true);
            WriteETag(lakeKey, etag);
            Touch(path);
        }
        finally
        {
            gate.Release();
        }

        PruneSoon();
    }

    /// <summary>
    /// Deletes the copies used least recently, outside <see cref="KeepRecent"/>, until the cache holds 90% of
    /// <see cref="MaxBytes"/>; nothing when it holds less than that. Returns the bytes deleted.
    /// </summary>
    public async Task<long> PruneAsync(CancellationToken cancellationToken)
    {
        var copies = Copies();
        var total = copies.Sum(c => c.Length);
        if (total <= MaxBytes)
        {
            return 0;
        }

        var target = MaxBytes / 10 * 9;
        var cutoff = time.GetUtcNow().UtcDateTime - KeepRecent;
        long deleted = 0;
        foreach (var copy in copies.OrderBy(c => c.LastAccessTimeUtc))
        {
            if (total <= target || copy.LastAccessTimeUtc > cutoff)
            {
                break;
            }

            // The listing's size: after Refresh, a copy deleted meanwhile has none.
            var length = copy.Length;
            var lakeKey = Path.GetRelativePath(Root, copy.FullName).Replace(Path.DirectorySeparatorChar, '/');
            var gate = Gate(lakeKey);
            await gate.WaitAsync(cancellationToken);
            try
            {
                // Used again since the listing: keep it (its bytes stay in the total). Deleted meanwhile: they left.
                copy.Refresh();
                if (!copy.Exists)
                {
                    total -= length;
                }
                else if (copy.LastAccessTimeUtc <= cutoff)
                {
                    Remove(lakeKey);
                    deleted += length;
                    total -= length;
                }
            }
            finally
            {
                gate.Release();
            }
        }

        metrics.Evicted(deleted);
        return deleted;
    }

    // The copies, without the ETag notes and downloads in progress.
    List<FileInfo> Copies()
    {
        var folder = new DirectoryInfo(Root);
        if (!folder.Exists)
        {
            return [];
        }

        var notes = Path.Combine(Root, ".etags") + Path.DirectorySeparatorChar;
        return folder.EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => !f.FullName.StartsWith(notes, StringComparison.Ordinal) && !f.Name.StartsWith(".download-", StringComparison.Ordinal))
            .ToList();
    }

    // At most once a minute, in the background: a listing of a large cache must not slow the download that triggers it.
    void PruneSoon()
    {
        var now = time.GetUtcNow();
        if (now - lastPrune < PruneInterval || Interlocked.CompareExchange(ref pruning, 1, 0) != 0)
        {
            return;
        }

        lastPrune = now;
        _ = Task.Run(async () =>
        {
            try
            {
                await PruneAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A copy that cannot be deleted now is tried again at the next prune.
            }
            finally
            {
                Volatile.Write(ref pruning, 0);
            }
        });
    }

    // Each use marks the copy as recent (access times are not updated by reads on relatime mounts).
    void Touch(string path) => File.SetLastAccessTimeUtc(path, time.GetUtcNow().UtcDateTime);

    SemaphoreSlim Gate(string lakeKey) => locks[(StringComparer.Ordinal.GetHashCode(lakeKey) & int.MaxValue) % locks.Length];

    /// <summary>Forgets the copy of a key (its object was deleted).</summary>
    public async Task EvictAsync(string lakeKey, CancellationToken cancellationToken)
    {
        var gate = Gate(lakeKey);
        await gate.WaitAsync(cancellationToken);
        try
        {
            Remove(lakeKey);
        }
        finally
        {
            gate.Release();
        }
    }

    // The caller holds the key's gate.
    void Remove(string lakeKey)
    {
        File.Delete(PathOf(lakeKey));
        File.Delete(ETagPath(lakeKey));
    }

    string? ReadETag(string lakeKey) => File.Exists(ETagPath(lakeKey)) ? File.ReadAllText(ETagPath(lakeKey)).Trim() : null;

    void WriteETag(string lakeKey, string etag)
    {
        var target = ETagPath(lakeKey);
        var temp = TempBeside(target);
        File.WriteAllText(temp, etag);
        File.Move(temp, target, overwrite: true);
    }

    string ETagPath(string lakeKey) => Inside(Path.Combine(Root, ".etags", lakeKey + ".etag"));

    string Inside(string path)
    {
        var full = Path.GetFullPath(path);
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"'{path}' is outside the lake cache");
    }

    static string TempBeside(string target)
    {
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $".download-{Guid.NewGuid():N}.tmp");
    }
}
