using Pipeline.ServiceDefaults;
using Pipeline.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSiloServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapSiloApi();

app.Run();

/// <summary>Exposed for WebApplicationFactory in tests.</summary>
public partial class Program;
