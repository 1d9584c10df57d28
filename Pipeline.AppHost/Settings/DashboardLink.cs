namespace Pipeline.AppHost.Settings;

/// <summary>
/// Tells a service where the Aspire dashboard is, for links to a run's trace. The dashboard's own endpoint is the
/// truth: <c>ASPNETCORE_URLS</c> may say port 0, and under the testing builder it is a placeholder.
/// </summary>
public static class DashboardLink
{
    public static IResourceBuilder<ProjectResource> WithDashboardLink(this IResourceBuilder<ProjectResource> project, string variable) =>
        project.WithEnvironment(context =>
        {
            var model = context.ExecutionContext.Services.GetRequiredService<DistributedApplicationModel>();
            if (model.Resources.OfType<IResourceWithEndpoints>().FirstOrDefault(r => r.Name == "aspire-dashboard") is { } dashboard)
            {
                context.EnvironmentVariables[variable] = dashboard.GetEndpoint("http");
            }
        });
}
