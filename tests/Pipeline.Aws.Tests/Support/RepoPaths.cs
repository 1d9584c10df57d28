namespace Pipeline.Aws.Tests.Support;

/// <summary>Folders the tests read: the repository root and its emulators.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding Pipeline.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>tests/emulators</c>, where <c>./test.sh</c> installs the emulators with npm.</summary>
    public static string Emulators => Path.Combine(Root, "tests", "emulators");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Pipeline.sln above {AppContext.BaseDirectory}.");
    }
}
