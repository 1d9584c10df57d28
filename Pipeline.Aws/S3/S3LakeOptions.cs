using System.ComponentModel.DataAnnotations;

namespace Pipeline.Aws.S3;

/// <summary>The S3 lake, section <c>Pipeline:S3</c> (environment: <c>Pipeline__S3__Bucket</c>, ...).</summary>
public sealed class S3LakeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pipeline:S3";

    /// <summary>Default part size of multipart uploads: 8 MiB.</summary>
    public const int DefaultPartSize = 8 * 1024 * 1024;

    /// <summary>The bucket holding the zones.</summary>
    [Required]
    public string Bucket { get; set; } = "";

    /// <summary>Optional key prefix of the zones (<c>&lt;prefix&gt;/raw/...</c>); empty: the bucket's root.</summary>
    public string? Prefix { get; set; }

    /// <summary>
    /// Uploads up to this size are one PUT; larger ones are multipart with parts of exactly this size, so the
    /// same content always gets the same ETag. S3 needs at least 5 MiB.
    /// </summary>
    [Range(5 * 1024 * 1024, 512 * 1024 * 1024)]
    public int PartSize { get; set; } = DefaultPartSize;

    /// <summary>Keys per LIST request (S3 returns at most 1000).</summary>
    [Range(1, 1000)]
    public int ListPageSize { get; set; } = 1000;

    /// <summary>Local folder of downloaded objects, one sub-folder per zone; default <c>&lt;data-dir&gt;/lake-cache</c>.</summary>
    public string? CacheDir { get; set; }

    /// <summary>
    /// Bytes of local copies the cache keeps, default 10 GiB: beyond, the copies used least recently are deleted
    /// (checked at most once a minute, after a download) down to 90% of it. A deleted copy is downloaded again when needed.
    /// </summary>
    [Range(1L << 20, long.MaxValue)]
    public long CacheMaxBytes { get; set; } = 10L << 30;

    /// <summary>Copies used within this time are never deleted, whatever the cache's size (an engine may be reading them).</summary>
    public TimeSpan CacheKeepRecent { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Path-style addressing (<c>http://host/bucket/key</c>); default: on when an endpoint override is set (emulators).</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>The object key prefix with its trailing '/', or empty.</summary>
    public string KeyPrefix => string.IsNullOrWhiteSpace(Prefix) ? "" : Prefix.Trim('/') + "/";
}
