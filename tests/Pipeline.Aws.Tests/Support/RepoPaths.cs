namespace Pipeline.Aws.Tests.Support;

/// <summary>Folders the tests read: the repository root, its emulators, and the shared AWS models beside it.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding Pipeline.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>tests/emulators</c>, where <c>./test.sh</c> installs the emulators with npm.</summary>
    public static string Emulators => Path.Combine(Root, "tests", "emulators");

    /// <summary>
    /// The official AWS models (SQS) and the SigV4 test suite, Apache-2.0 data vendored in
    /// <c>tests/Pipeline.Aws.Tests/AwsModels</c> with their LICENSE and NOTICE.
    /// </summary>
    public static string AwsModels => Path.Combine(Root, "tests", "Pipeline.Aws.Tests", "AwsModels");

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
