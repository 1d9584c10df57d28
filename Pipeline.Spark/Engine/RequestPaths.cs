using Pipeline.Core.Transform;

namespace Pipeline.Spark.Engine;

/// <summary>Normalises the paths of a request before DuckDB sees them.</summary>
internal static class RequestPaths
{
    /// <summary>
    /// The request with every path absolute and without a trailing separator: DuckDB's sandbox compares path
    /// strings, so the allowed folders and the paths read or written must be spelled the same way.
    /// </summary>
    public static TransformRequest Absolute(TransformRequest request) => request with
    {
        Files = request.Files.Select(f => f with { Path = Path.GetFullPath(f.Path) }).ToList(),
        OutputDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.OutputDir)),
        QuarantineDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.QuarantineDir)),
        TempDir = request.TempDir is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.TempDir)),
        TableFiles = request.TableFiles?.Select(Path.GetFullPath).ToList(),
    };
}
