using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Pipeline.Api.Hosting;
using Pipeline.Api.Security;

namespace Pipeline.Tests.Api;

/// <summary>API keys with roles, on the real Api pipeline (no cluster behind it: calls that pass the check fail later with 400/503).</summary>
public sealed class ApiKeyTests : IDisposable
{
    const string AdminKey = "admin-key-0123456789", WriterKey = "writer-key-0123456789", ReaderKey = "reader-key-0123456789";
    readonly WebApplicationFactory<ApiOptions> factory;

    public ApiKeyTests()
    {
        factory = new WebApplicationFactory<ApiOptions>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Pipeline:Auth:Mode", "Required");
            var keys = new[] { ("admin", AdminKey, "Admin"), ("etl", WriterKey, "Writer"), ("analyst", ReaderKey, "Reader") };
            for (var i = 0; i < keys.Length; i++)
            {
                b.UseSetting($"Pipeline:Auth:Keys:{i}:Name", keys[i].Item1);
                b.UseSetting($"Pipeline:Auth:Keys:{i}:Sha256", ApiKeyPolicy.Hash(keys[i].Item2));
                b.UseSetting($"Pipeline:Auth:Keys:{i}:Role", keys[i].Item3);
            }

        });
    }

    HttpClient Client(string? key)
    {
        var client = factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyMiddleware.Header, key);
        }

        return client;
    }

    [Fact]
    public async Task NoKey_ProtectedRoute_Is401WithChallenge()
    {
        var response = await Client(null).GetAsync("/api/tables");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("API key is required", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WrongKey_Is401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client("not-a-key").GetAsync("/api/tables")).StatusCode);
    }

    [Fact]
    public async Task ReaderKey_RegisterDataset_Is403NamingTheRole()
    {
        var response = await Client(ReaderKey).PutAsJsonAsync("/api/datasets/trips", new { format = "csv" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("has the Reader role; this needs Admin", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WriterKey_Upload_PassesTheCheck_ReaderKey_DoesNot()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(ReaderKey).PostAsync("/api/datasets/trips/files?name=a.csv", new ByteArrayContent([1]))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client(WriterKey).PostAsync("/api/datasets/trips/files?name=..", new ByteArrayContent([1]))).StatusCode);
    }

    [Fact]
    public async Task BearerHeader_IsAcceptedLikeXApiKey()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);

        var response = await client.PostAsJsonAsync("/api/queries", new { sql = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/health", HttpStatusCode.ServiceUnavailable)]
    [InlineData("/alive", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("/console/", HttpStatusCode.OK)]
    [InlineData("/console/console.js", HttpStatusCode.OK)]
    [InlineData("/console/config.json", HttpStatusCode.OK)]
    [InlineData("/scalar/", HttpStatusCode.OK)]
    public async Task OpenEndpoints_NeedNoKey(string path, HttpStatusCode status)
    {
        // No cluster behind this Api: /health says it is not ready, but answers without a key.
        Assert.Equal(status, (await Client(null).GetAsync(path)).StatusCode);
    }

    public void Dispose() => factory.Dispose();
}
