using Pipeline.Core.Lake;

namespace Pipeline.Aws.S3;

/// <summary>Lake keys (<c>raw/ds/file.csv</c>) and the bucket's object keys (<c>&lt;prefix&gt;/raw/ds/file.csv</c>).</summary>
public sealed class S3Keys(string keyPrefix)
{
    /// <summary>The prefix before every lake key ('' or ending in '/').</summary>
    public string KeyPrefix { get; } = keyPrefix;

    /// <summary>The object key of a lake key; throws for a key outside the zones.</summary>
    public string ObjectKey(string lakeKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(lakeKey);
        var zone = lakeKey.Split('/')[0];
        if (!LakeLayout.Zones.Contains(zone) || lakeKey.Split('/').Any(s => s is "." or ".."))
        {
            throw new ArgumentException($"'{lakeKey}' is outside the lake", nameof(lakeKey));
        }

        return KeyPrefix + lakeKey;
    }

    /// <summary>The lake key of an object key, or null when the object is not under the prefix.</summary>
    public string? LakeKey(string objectKey) =>
        objectKey.StartsWith(KeyPrefix, StringComparison.Ordinal) && objectKey.Length > KeyPrefix.Length
            ? objectKey[KeyPrefix.Length..]
            : null;

    /// <summary>The zone of a lake key.</summary>
    public static string ZoneOf(string lakeKey) => lakeKey.Split('/')[0];

    /// <summary>S3 quotes ETags in HTTP headers and listings but not in event notifications: the lake uses them bare.</summary>
    public static string BareETag(string? etag) => (etag ?? "").Trim().Trim('"');
}
