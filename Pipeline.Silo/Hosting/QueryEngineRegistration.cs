using Microsoft.Extensions.Options;
using Pipeline.Aws.Athena;
using Pipeline.Aws.Configuration;
using Pipeline.Aws.Glue;
using Pipeline.Aws.Json;
using Pipeline.Aws.S3;
using Pipeline.Core.Lake;
using Pipeline.ServiceDefaults.Options;
using Pipeline.Silo.Queries;

namespace Pipeline.Silo.Hosting;

/// <summary>
/// Where query executions run: DuckDB in the silo (default), or Athena over the Glue database the catalog writes
/// (<c>Pipeline:Queries:Engine=Athena</c>, which needs <c>Pipeline:Catalog=Glue</c>).
/// </summary>
public static class QueryEngineRegistration
{
    public static IServiceCollection AddQueryEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<QueryService>();
        if ((configuration.GetSection(QueryOptions.Section).Get<QueryOptions>()?.Engine ?? QueryEngineKind.DuckDb) == QueryEngineKind.DuckDb)
        {
            return services;
        }

        if (PortSelection.From(configuration).Catalog != CatalogKind.Glue)
        {
            throw new InvalidOperationException("Pipeline:Queries:Engine=Athena needs Pipeline:Catalog=Glue: Athena reads the tables the catalog writes to Glue.");
        }

        services.AddValidatedOptions<AthenaOptions>(AthenaOptions.Section);
        return services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AthenaOptions>>().Value;
            var s3 = sp.GetRequiredService<IOptions<S3LakeOptions>>().Value;
            var output = string.IsNullOrWhiteSpace(options.OutputLocation)
                ? $"s3://{s3.Bucket}/{new S3Keys(s3.KeyPrefix).ObjectKey(LakeLayout.QueryResults + "/athena/")}"
                : options.OutputLocation;
            var client = new AthenaClient(new AwsJsonClient(new HttpClient(), AwsSettings.From(configuration), AwsJsonService.Athena,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<AthenaClient>()));
            return new AthenaQueries(client, options, sp.GetRequiredService<IOptions<GlueCatalogOptions>>().Value.Database, output,
                sp.GetRequiredService<ILakeStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<QueryOptions>>().Value.MaxResultRows);
        });
    }
}
