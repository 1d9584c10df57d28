using System.ComponentModel.DataAnnotations;

namespace Pipeline.Aws.Glue;

/// <summary>The Glue Data Catalog the tables go to (<c>Pipeline:Glue</c>), when <c>Pipeline:Catalog=Glue</c>.</summary>
public sealed class GlueCatalogOptions
{
    public const string Section = "Pipeline:Glue";

    /// <summary>The Glue database of the pipeline's tables, created at the first commit when missing; Glue names are lower case.</summary>
    [Required, RegularExpression("^[a-z0-9_]{1,255}$", ErrorMessage = "Pipeline:Glue:Database must be 1-255 characters of a-z, 0-9 and _.")]
    public string Database { get; set; } = "pipeline";
}
