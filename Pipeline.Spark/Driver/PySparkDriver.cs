namespace Pipeline.Spark.Driver;

/// <summary>
/// The PySpark driver EMR runs as the transform step (<c>pipeline_driver.py</c>, shipped inside this assembly and
/// uploaded beside the run's manifest): it runs the compiled Spark SQL and writes a <see cref="SparkRunResult"/>.
/// </summary>
public static class PySparkDriver
{
    public const string FileName = "pipeline_driver.py";

    /// <summary>The driver's source.</summary>
    public static string Text { get; } = Read();

    static string Read()
    {
        using var stream = typeof(PySparkDriver).Assembly.GetManifestResourceStream(FileName)
            ?? throw new InvalidOperationException($"{FileName} is not embedded in {typeof(PySparkDriver).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
