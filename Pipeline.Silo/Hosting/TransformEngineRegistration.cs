using Pipeline.Core.Transform;
using Pipeline.Spark.Engine;

namespace Pipeline.Silo.Hosting;

/// <summary>The transform engine of the local profile: the Spark job's DuckDB compilation, in process.</summary>
public static class TransformEngineRegistration
{
    /// <summary>Registers <see cref="ITransformEngine"/>.</summary>
    public static IServiceCollection AddTransformEngine(this IServiceCollection services) =>
        services.AddSingleton<ITransformEngine, DuckDbTransformEngine>();
}
