namespace Pipeline.Aws.Configuration;

/// <summary>The table catalog adapter (<c>Pipeline:Catalog</c>).</summary>
public enum CatalogKind
{
    /// <summary>The silo's SQLite file under the data folder.</summary>
    Sqlite,

    /// <summary>The Glue Data Catalog (<c>Pipeline:Glue:Database</c>), with the tables' files in S3.</summary>
    Glue,
}
