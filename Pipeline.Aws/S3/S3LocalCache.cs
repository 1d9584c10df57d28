using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Pipeline.Aws.S3;

/// <summary>
/// Local copies of objects for the engines: <c>&lt;root&gt;/&lt;zone&gt;/...</c> mirrors the lake keys, and
/// <c>&lt;root&gt;/.etags/</c> remembers the ETag of each copy. A copy is used again only when S3 answers
/// 304 to a GET conditional on that ETag, so a replaced object is always downloaded again.
/// </summary>
internal sealed class S3LocalCache(IAmazonS3 s3, string bucket, S3Keys keys, string root, S3LakeMetrics metrics)
{
    readonly SemaphoreSlim[] locks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

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
        var gate = locks[(StringComparer.Ordinal.GetHashCode(lakeKey) & int.MaxValue) % locks.Length];
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
                return path;
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotModified)
            {
                metrics.LocalCopy(downloaded: false);
                return path;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Keeps a file just uploaded as the copy of its key (moved, not copied).</summary>
    public void Adopt(string localPath, string lakeKey, string etag)
    {
        var path = PathOf(lakeKey);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Move(localPath, path, overwrite: true);
        WriteETag(lakeKey, etag);
    }

    /// <summary>Forgets the copy of a key.</summary>
    public void Evict(string lakeKey)
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
