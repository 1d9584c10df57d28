using Pipeline.AppHost;

namespace Pipeline.Tests.AppHost;

public sealed class AppHostCommandTests
{
    static (int Exit, AppHostOptions? Options) Parse(params string[] args)
    {
        AppHostOptions? seen = null;
        var command = AppHostCommand.Create((options, _) =>
        {
            seen = options;
            return Task.FromResult(0);
        });
        var exit = command.Parse(args).Invoke(new System.CommandLine.InvocationConfiguration
        {
            Output = TextWriter.Null, Error = TextWriter.Null,
        });
        return (exit, seen);
    }

    [Fact]
    public void Parse_NoArguments_UsesDocumentedDefaults()
    {
        var (exit, options) = Parse();

        Assert.Equal(0, exit);
        Assert.Equal(Path.GetFullPath(".pipeline"), options!.DataDir);
        Assert.Equal(5080, options.ApiPort);
        Assert.Equal(0, options.SiloPort);
    }

    [Fact]
    public void Parse_Options_AreApplied()
    {
        var (_, options) = Parse("--data-dir", "/tmp/x", "--api-port", "6001", "--max-restarts", "1");

        Assert.Equal("/tmp/x", options!.DataDir);
        Assert.Equal(6001, options.ApiPort);
        Assert.Equal(1, options.MaxRestarts);
    }

    [Theory]
    [InlineData("--api-port", "70000")]
    [InlineData("--api-port", "abc")]
    [InlineData("--max-restarts", "-1")]
    public void Parse_InvalidValue_FailsWithoutRunning(string option, string value)
    {
        var (exit, options) = Parse(option, value);

        Assert.NotEqual(0, exit);
        Assert.Null(options);
    }
}
