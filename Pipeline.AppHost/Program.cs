using Aspire.Hosting.Lifecycle;
using Pipeline.AppHost.Console;
using Pipeline.AppHost.Settings;
using Pipeline.AppHost.Supervision;

if (AppHostSettings.WantsHelp(args))
{
    Console.WriteLine(AppHostSettings.Help);
    return 0;
}

var builder = DistributedApplication.CreateBuilder(args);
AppHostSettings settings;
try
{
    settings = AppHostSettings.From(builder.Configuration);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"{e.Message} See --help.");
    return 2;
}

// --- the Orleans cluster: one silo on localhost; grain state, reminders and arrivals in the data folder ---
var cluster = builder.AddOrleans("cluster")
    .WithClusterId("local")
    .WithServiceId("pipeline")
    .WithDevelopmentClustering();

// --- silo: the dataset grains, the stages, the catalog, the queries ---
var silo = builder.AddProject<Projects.Pipeline_Silo>("silo")
    .WithReference(cluster)
    .WithFixedPort("orleans-silo")
    .WithFixedPort("orleans-gateway")
    .WithHttpEndpoint(name: "http")
    .OnLoopback("http")
    .WithHttpHealthCheck("/health")
    .WithPipelineEnvironment(settings)
    .WithEnvironment("Orleans__Endpoints__AdvertisedIPAddress", "127.0.0.1");

// --- api: the REST API, the console and the API reference; an Orleans client of the silo's gateway ---
builder.AddProject<Projects.Pipeline_Api>("api")
    .WithReference(cluster.AsClient())
    .WithEnvironment("Orleans__Clustering__Gateways__0",
        ReferenceExpression.Create($"127.0.0.1:{silo.GetEndpoint("orleans-gateway").Property(EndpointProperty.Port)}"))
    .WithHttpEndpoint(port: settings.ApiPort, isProxied: false)
    .OnLoopback("http")
    .WithHttpHealthCheck("/health")
    .WithPipelineEnvironment(settings)
    .WithDashboardLink("Pipeline__Console__DashboardUrl")
    .WithUrlForEndpoint("http", _ => new() { Url = "/console/", DisplayText = "Pipeline console" })
    .WithUrlForEndpoint("http", _ => new() { Url = "/scalar", DisplayText = "API reference" })
    .WaitFor(silo);

// --- what Aspire does not do itself: restart a crashed service, and say on the console what runs where ---
builder.Services.AddSingleton(settings);
builder.Services.AddEventingSubscriber<CrashRestarter>();
builder.Services.AddEventingSubscriber<ResourceConsole>();

builder.Build().Run();
return 0;
