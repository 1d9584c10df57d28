namespace Pipeline.Core.Lake;

/// <summary>An object in the lake. Its identity for arrivals is (Key, ETag).</summary>
public sealed record LakeObject(string Key, long Size, string ETag, DateTimeOffset LastModified);

/// <summary>
/// The lake port (zones raw/, processed/, curated/, quarantine/, query-results/): folders locally, S3 on AWS.
/// The engines (DuckDB) read and write local files, so the store also maps keys to local paths:
/// locally the file itself, on S3 a cached download.
/// </summary>
public interface ILakeStore
{
    /// <summary>The local folder where the engines find a zone's files (allowed to the query sandbox).</summary>
    string LocalRoot(string zone);

    /// <summary>A local path holding the object's content (downloaded first when remote).</summary>
    Task<string> GetLocalPathAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The object's size and ETag, or null when it does not exist.</summary>
    Task<LakeObject?> StatAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a stream to a key and returns the stored object. Writing the same content again leaves the
    /// object's identity (ETag) unchanged, so an identical re-upload is recognized as a duplicate.
    /// </summary>
    Task<LakeObject> PutAsync(string key, Stream content, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Stores a local file under a key, moving it when <paramref name="move"/> (replacing any object there).</summary>
    Task<LakeObject> PutFileAsync(string localPath, string key, bool move, CancellationToken cancellationToken = default);

    /// <summary>Every object under a prefix (paged underneath when remote).</summary>
    IAsyncEnumerable<LakeObject> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// The objects under a prefix whose keys sort after <paramref name="startAfter"/> (ordinal), in key order,
    /// so a listing can stop anywhere and resume later (S3 starts the listing there; this default sorts in memory).
    /// </summary>
    async IAsyncEnumerable<LakeObject> ListAfterAsync(
        string prefix, string? startAfter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var objects = new List<LakeObject>();
        await foreach (var item in ListAsync(prefix, cancellationToken))
        {
            if (startAfter is null || string.CompareOrdinal(item.Key, startAfter) > 0)
            {
                objects.Add(item);
            }
        }

        foreach (var item in objects.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            yield return item;
        }
    }

    /// <summary>Deletes an object; no error when it does not exist.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>An upload larger than the limit.</summary>
public sealed class UploadTooLargeException(long limit) : Exception($"The upload exceeds the limit of {limit} bytes.")
{
    /// <summary>The limit in bytes.</summary>
    public long Limit { get; } = limit;
}
