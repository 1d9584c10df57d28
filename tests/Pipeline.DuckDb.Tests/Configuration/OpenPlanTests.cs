using Pipeline.DuckDb.Configuration;

namespace Pipeline.DuckDb.Tests.Configuration;

public sealed class OpenPlanTests
{
    private static readonly HashSet<string> NothingDeferred = [];

    [Fact]
    public void Create_SandboxWithLists_SetsListsThenExternalAccessThenLockLast()
    {
        var config = new DuckDbConfig
        {
            MemoryLimit = "1GB",
            AllowedDirectories = ["/data/it's/"],
            AllowedPaths = ["/data/file.csv"],
            EnableExternalAccess = false,
            LockConfiguration = true,
        }.Set("TimeZone", "UTC");

        var plan = OpenPlan.Create(config, new HashSet<string>(["timezone"], StringComparer.OrdinalIgnoreCase));

        Assert.Equal([new("memory_limit", "1GB")], plan.Startup);
        Assert.Equal(
            [
                "SET GLOBAL \"TimeZone\" = 'UTC'",
                "SET allowed_directories = ['/data/it''s/']",
                "SET allowed_paths = ['/data/file.csv']",
                "SET enable_external_access = false",
                "SET lock_configuration = true",
            ],
            plan.Statements);
    }

    [Fact]
    public void Create_SandboxWithoutLists_AppliesEverythingAtStartup()
    {
        var config = new DuckDbConfig { Threads = 4, TempDirectory = "/spill", EnableExternalAccess = false, LockConfiguration = true };

        var plan = OpenPlan.Create(config, NothingDeferred);

        Assert.Empty(plan.Statements);
        Assert.Equal(
            ["threads=4", "temp_directory=/spill", "enable_external_access=false", "lock_configuration=true"],
            plan.Startup.Select(option => $"{option.Key}={option.Value}"));
    }

    [Theory]
    [InlineData("Invalid Input Error: The following options were not recognized: TimeZone, Calendar", "TimeZone,Calendar")]
    [InlineData("Invalid Input Error: To set the TimeZone setting, the icu extension needs to be loaded. But it could not be autoloaded.", "TimeZone")]
    [InlineData("IO Error: Cannot open file \"x\": No such file or directory", "")]
    public void RefusedOptions_OpenError_NamesTheOptionsToDefer(string error, string expected)
    {
        Assert.Equal(expected, string.Join(",", DatabaseOpener.RefusedOptions(error)));
    }
}
