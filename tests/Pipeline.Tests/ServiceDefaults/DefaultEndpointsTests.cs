using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Pipeline.Api.Hosting;

namespace Pipeline.Tests.ServiceDefaults;

/// <summary>What every service gets from AddServiceDefaults/MapDefaultEndpoints, checked on the Api.</summary>
public sealed class DefaultEndpointsTests(WebApplicationFactory<ApiOptions> factory)
    : IClassFixture<WebApplicationFactory<ApiOptions>>
{
    [Fact]
    public async Task Alive_NoCluster_Is200Healthy()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_NoClusterToReach_Is503Degraded()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Degraded", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownRoute_Get_Returns404ProblemDetails()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/no/such/route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, body.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task MalformedJsonBody_Put_Returns400ProblemSayingWhere()
    {
        using var client = factory.CreateClient();
        using var body = new StringContent("{\"format\": ", System.Text.Encoding.UTF8, "application/json");

        var response = await client.PutAsync("/api/datasets/trips", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("JSON", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MisspeltFieldsInADefinition_Are400_EachKeyedByItsPathWithTheClosestName()
    {
        using var client = factory.CreateClient();
        using var body = new StringContent("""
            {"format": "csv", "partitonBy": ["day(ts)"], "shema": {"id": "BIGINT"}, "batch": {"maxFile": 5}, "csv": {"delimiter": ";", "colour": "red"}}
            """, System.Text.Encoding.UTF8, "application/json");

        var response = await client.PutAsync("/api/datasets/trips", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.TryGetProperty("errors", out var errors), problem.RootElement.ToString());
        Assert.Equal(["batch.maxFile", "csv.colour", "partitonBy", "shema"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("'partitonBy' is not a known field; did you mean 'partitionBy'?", errors.GetProperty("partitonBy")[0].GetString());
        Assert.Equal("'shema' is not a known field; did you mean 'schema'?", errors.GetProperty("shema")[0].GetString());
        Assert.Equal("'maxFile' is not a known field; did you mean 'maxFiles'?", errors.GetProperty("batch.maxFile")[0].GetString());
        Assert.Equal("'colour' is not a known field; the fields here are delimiter, quote, header, nullString, encoding.",
            errors.GetProperty("csv.colour")[0].GetString());
    }

    [Fact]
    public async Task MisspeltFieldOfAQuery_Is400NamingTheField()
    {
        using var client = factory.CreateClient();
        using var body = new StringContent("""{"sqll": "SELECT 1"}""", System.Text.Encoding.UTF8, "application/json");

        var response = await client.PostAsync("/api/queries", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("'sqll' is not a known field; did you mean 'sql'?", problem.RootElement.GetProperty("errors").GetProperty("sqll")[0].GetString());
    }

    [Fact]
    public async Task OpenApiDocument_Get_IsServed()
    {
        using var client = factory.CreateClient();

        using var body = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        Assert.StartsWith("3.", body.RootElement.GetProperty("openapi").GetString());
    }
}
