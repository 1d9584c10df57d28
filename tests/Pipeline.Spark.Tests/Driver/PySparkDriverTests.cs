using System.Diagnostics;
using System.Runtime.CompilerServices;
using Pipeline.Spark.Driver;

namespace Pipeline.Spark.Tests.Driver;

/// <summary>
/// The PySpark driver, as far as it runs without Spark (none here): it compiles, its pure functions pass their
/// standard-library tests, and it reads the manifest the silo writes and writes a result the silo reads.
/// </summary>
public sealed class PySparkDriverTests
{
    static readonly string Root = RepoRoot();

    [Fact]
    public void TheEmbeddedDriver_IsTheSourceFile_AndCompiles()
    {
        var source = Path.Combine(Root, "Pipeline.Spark", "Driver", PySparkDriver.FileName);
        Assert.Equal(File.ReadAllText(source), PySparkDriver.Text);

        var run = Python("-c", "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')", source);

        Assert.True(run.ExitCode == 0, run.Output);
    }

    [Fact]
    public void TheDriversUnitTests_Pass()
    {
        var run = Python("-m", "unittest", "discover", "-s", Path.Combine(Root, "tests", "spark_driver"), "-v");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(@"Ran \d+ tests", run.Output);
    }

    [Fact]
    public void TheManifestTheSiloWrites_TheDriverLoads_AndTheResultItWrites_TheSiloReads()
    {
        var manifest = new SparkRunManifest("trips", "run-42", "a1", "SELECT 1", "s3://lake/work/trips/run-42/a1/out/",
            "s3://lake/work/trips/run-42/a1/result.json", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        var script = """
            import json, sys
            from datetime import datetime, timezone
            sys.path.insert(0, sys.argv[1])
            import pipeline_driver as d
            m = d.load_manifest(sys.stdin.read())
            outputs = d.output_files([(m["output"] + "vendor=1/part-0.parquet", 321)], m["output"])
            summary = {"rows_in": 10, "rows_quarantined": 1, "expectation_0_failed": 2, "expectation_0_example": "fare = '-3.00'"}
            t = datetime(2026, 12, 3, 10, 0, tzinfo=timezone.utc)
            print(json.dumps(d.build_result(m, summary, outputs, 9, t, t)))
            """;

        var run = PythonReading(manifest.ToJson(), "-B", "-c", script, Path.Combine(Root, "Pipeline.Spark", "Driver"));

        Assert.True(run.ExitCode == 0, run.Output);
        var result = SparkRunResult.Parse(run.Output);
        Assert.True(result.Succeeded);
        Assert.Equal(("trips", "run-42", "a1", 10L, 9L, 1L), (result.Dataset, result.RunId, result.Attempt, result.RowsIn, result.RowsOut, result.RowsQuarantined));
        Assert.Equal(new SparkExpectationResult(0, 2, "fare = '-3.00'"), Assert.Single(result.Expectations));
        var output = Assert.Single(result.Outputs);
        Assert.Equal(("vendor=1/part-0.parquet", 321L, "1"), (output.Path, output.Bytes, output.Partition["vendor"]));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero), result.StartedAt);
    }

    static (int ExitCode, string Output) Python(params string[] arguments) => PythonReading("", arguments);

    static (int ExitCode, string Output) PythonReading(string input, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start: the driver's tests need Python 3.");
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            return (-1, "python3 did not finish within 60 s");
        }

        return (process.ExitCode, output + error.GetAwaiter().GetResult());
    }

    static string RepoRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}
