using Pipeline.Tests.Support;

namespace Pipeline.Tests.EndToEnd;

/// <summary>One running system (AppHost, silo, Api as separate processes) shared by a test class.</summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    /// <summary>The data folder.</summary>
    public TempFolder Data { get; } = new();

    /// <summary>The AppHost process.</summary>
    public AppHostProcess Host { get; private set; } = null!;

    /// <summary>A client of the Api.</summary>
    public PipelineClient Client { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Host = AppHostProcess.Start(Data.Path);
        await Host.WaitReadyAsync();
        Client = new PipelineClient(Host.ApiUrl);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        Data.Dispose();
    }
}
