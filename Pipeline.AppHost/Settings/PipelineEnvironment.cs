namespace Pipeline.AppHost.Settings;

/// <summary>What every Pipeline service gets from the AppHost: the data folder, and the user's own settings passed on.</summary>
public static class PipelineEnvironment
{
    // Settings a user sets for the services (the AWS profile, API keys, cluster tuning, log levels), and telemetry elsewhere than
    // the dashboard (a user's OTEL_EXPORTER_OTLP_ENDPOINT wins over the dashboard's, set by Aspire before this).
    static readonly string[] PassedOn = ["Pipeline__", "Orleans__", "Logging__", "AWS_", "OTEL_EXPORTER_OTLP_"];

    public static IResourceBuilder<ProjectResource> WithPipelineEnvironment(this IResourceBuilder<ProjectResource> project, AppHostSettings settings) =>
        project.WithEnvironment(context =>
        {
            context.EnvironmentVariables["Pipeline__DataDir"] = settings.DataDir;
            // One plain line per record on the console (the dashboard keeps the structured logs).
            context.EnvironmentVariables["Logging__Console__FormatterName"] = "simple";
            context.EnvironmentVariables["Logging__Console__FormatterOptions__SingleLine"] = "true";
            context.EnvironmentVariables["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
            foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
            {
                var name = (string)variable.Key;
                if (PassedOn.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)) && name != "Pipeline__DataDir")
                {
                    context.EnvironmentVariables[name] = (string?)variable.Value ?? "";
                }
            }

            // The dashboard's OTLP key is no business of another backend.
            if (Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is not null
                && Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_HEADERS") is null)
            {
                context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_HEADERS");
            }
        });
}
