using Pipeline.Core.Transform;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Pipeline.Spark.DuckDb;
using Pipeline.Spark.Sql;

namespace Pipeline.Spark.Engine;

/// <summary>Turns DuckDB errors into the transform's outcomes: cancellation, a retryable fault, a bad file or a failed run.</summary>
internal static class DuckDbFaults
{
    const int MaxReasonLength = 2000;

    static readonly string[] TailMarkers = ["\n\nLINE ", "\nThe search space used was", "\nPossible fixes", "\nPossible Solution", "\n\n  file = "];

    /// <summary>True when retrying the attempt can help: memory, disk and other I/O trouble.</summary>
    public static bool IsTransient(DuckDBException e) =>
        e.Category() is DuckDBErrorType.OutOfMemory or DuckDBErrorType.Io or DuckDBErrorType.Network or DuckDBErrorType.Http;

    /// <summary>
    /// True when an error reading <paramref name="path"/> is that file's fault (bad content), so the file is set
    /// aside: anything but memory, and I/O errors only while the file is still there and named in the message.
    /// </summary>
    public static bool IsFileFault(DuckDBException e, string path) => e.Category() switch
    {
        DuckDBErrorType.OutOfMemory or DuckDBErrorType.Interrupt or DuckDBErrorType.Network or DuckDBErrorType.Http => false,
        DuckDBErrorType.Io => File.Exists(path) && (e.Message.Contains(path, StringComparison.Ordinal) ||
            e.Message.Contains(DuckDbReads.FilePattern(path), StringComparison.Ordinal)),
        _ => true,
    };

    /// <summary>The exception to throw for a failed step of the run.</summary>
    public static Exception Translate(DuckDBException e, string step, CancellationToken cancellationToken) =>
        e.Category() == DuckDBErrorType.Interrupt || cancellationToken.IsCancellationRequested
            ? new OperationCanceledException("The transform was cancelled.", e, cancellationToken)
            : new TransformException($"{step} failed: {Clean(e.Message)}", IsTransient(e), e);

    /// <summary>
    /// DuckDB's message without the echo of the statement ("LINE 1: ..."), the CSV sniffer's list of candidates,
    /// the generic fixes and the CSV reader's dump of its options, of bounded length.
    /// </summary>
    public static string Clean(string message)
    {
        var text = message;
        foreach (var tail in TailMarkers)
        {
            var at = text.IndexOf(tail, StringComparison.Ordinal);
            text = at >= 0 ? text[..at] : text;
        }

        text = text.Trim();
        return text.Length <= MaxReasonLength ? text : text[..MaxReasonLength] + "...";
    }
}
