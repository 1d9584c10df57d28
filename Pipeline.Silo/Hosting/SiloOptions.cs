using System.ComponentModel.DataAnnotations;

namespace Pipeline.Silo.Hosting;

/// <summary>Settings of the silo, section <c>Pipeline</c> (environment: <c>Pipeline__DataDir</c>, ...).</summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pipeline";

    /// <summary>Folder holding the lake and the grain state; created when missing.</summary>
    [Required]
    public string DataDir { get; set; } = ".pipeline";
}
