using Microsoft.Extensions.Configuration;

namespace Pipeline.Aws.Configuration;

/// <summary>
/// Which adapter each port uses, read from <c>Pipeline:Lake</c>, <c>Pipeline:Arrivals</c>, <c>Pipeline:State</c> and
/// <c>Pipeline:Catalog</c> (environment: <c>Pipeline__Lake=S3</c>, ...). Unset means local.
/// </summary>
public sealed record PortSelection(LakeKind Lake, ArrivalsKind Arrivals, StateKind State, CatalogKind Catalog = CatalogKind.Sqlite)
{
    /// <summary>Reads and checks the selection; throws with the offending setting named.</summary>
    public static PortSelection From(IConfiguration configuration)
    {
        var selection = new PortSelection(
            Parse(configuration, "Pipeline:Lake", LakeKind.Local),
            Parse(configuration, "Pipeline:Arrivals", ArrivalsKind.Local),
            Parse(configuration, "Pipeline:State", StateKind.Sqlite),
            Parse(configuration, "Pipeline:Catalog", CatalogKind.Sqlite));
        if (selection.Arrivals == ArrivalsKind.Sqs && selection.Lake != LakeKind.S3)
        {
            throw new InvalidOperationException("Pipeline:Arrivals=Sqs needs Pipeline:Lake=S3: the queue carries S3 event notifications.");
        }

        if (selection.Catalog == CatalogKind.Glue && selection.Lake != LakeKind.S3)
        {
            throw new InvalidOperationException("Pipeline:Catalog=Glue needs Pipeline:Lake=S3: Glue tables point at the files in the S3 bucket.");
        }

        return selection;
    }

    static T Parse<T>(IConfiguration configuration, string key, T fallback)
        where T : struct, Enum
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new InvalidOperationException($"{key} is '{text}'; expected one of: {string.Join(", ", Enum.GetNames<T>())}.");
    }
}
