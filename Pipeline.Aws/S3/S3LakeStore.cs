using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using Pipeline.Core.Lake;

namespace Pipeline.Aws.S3;

/// <summary>
/// The lake in an S3 bucket (zones under an optional prefix), with the same semantics as the local lake:
/// ETag = the object's S3 ETag (bare), identical content keeps its ETag (see <see cref="S3Uploader"/>),
/// listings are paged, and engines read local copies kept in a cache folder per zone.
/// </summary>
public sealed class S3LakeStore : ILakeStore
{
    readonly IAmazonS3 s3;
    readonly S3LakeOptions options;
    readonly S3Keys keys;
    readonly S3Uploader uploader;
    readonly S3LocalCache cache;
    readonly S3LakeMetrics metrics;
    readonly TimeProvider time;

    /// <summary>A store over <see cref="S3LakeOptions.Bucket"/>, caching local copies under <paramref name="cacheDir"/>.</summary>
    public S3LakeStore(IAmazonS3 s3, S3LakeOptions options, string cacheDir, S3LakeMetrics metrics, TimeProvider time)
    {
        this.s3 = s3;
        this.options = options;
        this.metrics = metrics;
        this.time = time;
        keys = new S3Keys(options.KeyPrefix);
        uploader = new S3Uploader(s3, options.Bucket, options.PartSize, metrics);
        cache = new S3LocalCache(s3, options.Bucket, keys, cacheDir, metrics, time) { MaxBytes = options.CacheMaxBytes, KeepRecent = options.CacheKeepRecent };
    }

    /// <inheritdoc />
    public string LocalRoot(string zone) => cache.ZoneFolder(zone);

    /// <summary>Prunes the local copies now (the store does so by itself after downloads); returns the bytes deleted.</summary>
    internal Task<long> PruneCacheAsync(CancellationToken cancellationToken = default) => cache.PruneAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<string> GetLocalPathAsync(string key, CancellationToken cancellationToken = default)
    {
        using var span = S3LakeMetrics.Source.StartActivity("lake.get");
        span?.SetTag("pipeline.lake.key", key);
        return await cache.GetAsync(key, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<LakeObject?> StatAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(options.Bucket, keys.ObjectKey(key), cancellationToken);
            return new LakeObject(key, head.ContentLength, S3Keys.BareETag(head.ETag), LastModified(head.LastModified));
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<LakeObject> PutAsync(string key, Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        using var span = S3LakeMetrics.Source.StartActivity("lake.put");
        span?.SetTag("pipeline.lake.key", key);
        var (size, etag) = await uploader.UploadAsync(keys.ObjectKey(key), content, maxBytes, cancellationToken);
        return new LakeObject(key, size, etag, time.GetUtcNow());
    }

    /// <inheritdoc />
    public async Task<LakeObject> PutFileAsync(string localPath, string key, bool move, CancellationToken cancellationToken = default)
    {
        using var span = S3LakeMetrics.Source.StartActivity("lake.put");
        span?.SetTag("pipeline.lake.key", key);
        long size;
        string etag;
        await using (var file = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true))
        {
            (size, etag) = await uploader.UploadAsync(keys.ObjectKey(key), file, long.MaxValue, cancellationToken);
        }

        if (move)
        {
            // The engines are likely to read what was just written: keep it as the local copy.
            await cache.AdoptAsync(localPath, key, etag, cancellationToken);
        }

        return new LakeObject(key, size, etag, time.GetUtcNow());
    }

    /// <inheritdoc />
    public IAsyncEnumerable<LakeObject> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        ListAfterAsync(prefix, null, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<LakeObject> ListAfterAsync(
        string prefix, string? startAfter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListObjectsV2Request
        {
            BucketName = options.Bucket,
            Prefix = keys.ObjectKey(prefix),
            StartAfter = startAfter is null ? null : keys.ObjectKey(startAfter),
            MaxKeys = options.ListPageSize,
        };
        do
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken);
            metrics.Listed(S3Keys.ZoneOf(prefix));
            foreach (var item in page.S3Objects ?? [])
            {
                if (keys.LakeKey(item.Key) is { } key && !key.EndsWith('/'))
                {
                    yield return new LakeObject(key, item.Size ?? 0, S3Keys.BareETag(item.ETag), LastModified(item.LastModified));
                }
            }

            request.ContinuationToken = page.NextContinuationToken;
            request.StartAfter = null;
            if (page.IsTruncated != true)
            {
                break;
            }
        }
        while (true);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        await s3.DeleteObjectAsync(options.Bucket, keys.ObjectKey(key), cancellationToken);
        await cache.EvictAsync(key, cancellationToken);
    }

    static DateTimeOffset LastModified(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.UnixEpoch;
}
