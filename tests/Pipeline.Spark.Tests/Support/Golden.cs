using System.Runtime.CompilerServices;

namespace Pipeline.Spark.Tests.Support;

/// <summary>
/// Compares generated text with a checked-in file under <c>Golden/</c>, exactly. Set
/// <c>PIPELINE_UPDATE_GOLDEN=1</c> to (re)write the files from the current output instead, then review the diff.
/// </summary>
public static class Golden
{
    /// <summary>The environment variable that switches to regeneration.</summary>
    public const string UpdateVariable = "PIPELINE_UPDATE_GOLDEN";

    /// <summary>Asserts <paramref name="actual"/> equals the golden file <paramref name="name"/> (or rewrites it).</summary>
    public static void Verify(string name, string actual)
    {
        var path = Path.Combine(Folder(), name);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing: run the tests with {UpdateVariable}=1 to create it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    // The source folder (not bin/), so regenerated files land where git sees them.
    static string Folder([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!, "Golden");
}
