using System.ComponentModel.DataAnnotations;

namespace Pipeline.Api.Hosting;

/// <summary>Settings of the Api, section <c>Pipeline</c> (environment: <c>Pipeline__DataDir</c>, ...).</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pipeline";

    /// <summary>Folder holding the lake (uploads are written to its raw zone).</summary>
    [Required]
    public string DataDir { get; set; } = ".pipeline";

    /// <summary>Largest accepted upload in bytes (413 beyond); default 5 GiB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 5L * 1024 * 1024 * 1024;
}
