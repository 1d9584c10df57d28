using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.BadInput;

/// <summary>A ~300 MB CSV file generated once with DuckDB for the tests that run it under a 64 MB memory limit.</summary>
public sealed class LargeCsvFixture : IDisposable
{
    /// <summary>Rows in the file; ids run from 0 to <c>Rows - 1</c>.</summary>
    public const long Rows = 3_000_000;

    readonly TempFolder _folder = new();

    /// <summary>Generates the file.</summary>
    public LargeCsvFixture()
    {
        Path = _folder["large/large.csv"];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        using var lake = new Lake();
        lake.Execute($"COPY (SELECT i AS id, md5(i::VARCHAR) || md5((i + 1)::VARCHAR) || md5((i + 2)::VARCHAR) AS name FROM range({Rows}) t(i)) TO '{Path}' (HEADER)");
    }

    /// <summary>Where the file is.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();
}
