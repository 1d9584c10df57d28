using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Core.Transform;

namespace Pipeline.Spark.Sql;

/// <summary>
/// Sizes DuckDB's buffers to the request's memory limit. DuckDB's defaults assume gigabytes per thread: a CSV
/// read holds two 32 MB buffers, a JSON read two 16 MB ones, and a Parquet write buffers row groups of up to
/// ~120 MB per thread and per open partition, so under a small limit even a streaming COPY runs out of memory.
/// Below <see cref="Roomy"/> per thread the buffers shrink with the share; without a limit nothing changes.
/// </summary>
/// <param name="Limit">The memory limit in bytes, or null when none is set (or DuckDB's text is not understood).</param>
/// <param name="Threads">Threads DuckDB runs with, after <see cref="Threads"/> capped them.</param>
internal sealed partial record MemoryBudget(long? Limit, int Threads)
{
    /// <summary>A per-thread share from which DuckDB's defaults fit.</summary>
    public const long Roomy = 1L << 30;

    // A JSON read allocates 32 MB per thread whatever its options: a thread needs at least this much.
    const long MinPerThread = 48L << 20;

    // DuckDB's max_line_size: a CSV buffer must hold at least one line.
    const long MinCsvBuffer = 2_000_000;
    const long DefaultCsvBuffer = 32_000_000;
    const long MinRowGroup = 1L << 20;

    /// <summary>The budget of <paramref name="request"/>: its limit and threads (capped to what the limit can feed).</summary>
    public static MemoryBudget Of(TransformRequest request)
    {
        var threads = Math.Max(1, request.Threads ?? Environment.ProcessorCount);
        if (Parse(request.MemoryLimit) is not { } limit)
        {
            return new MemoryBudget(null, threads);
        }

        return new MemoryBudget(limit, (int)Math.Clamp(limit / MinPerThread, 1, threads));
    }

    /// <summary>True when DuckDB's defaults would not fit: the other members then return smaller sizes.</summary>
    public bool IsTight => Limit / Threads < Roomy;

    /// <summary>CSV <c>buffer_size</c>, or null for DuckDB's default.</summary>
    public long? CsvBufferSize => IsTight && Share(16) < DefaultCsvBuffer ? Math.Max(MinCsvBuffer, Share(16)) : null;

    /// <summary>Parquet <c>ROW_GROUP_SIZE_BYTES</c>, or null for DuckDB's default.</summary>
    public long? RowGroupBytes => IsTight ? Math.Max(MinRowGroup, Share(8)) : null;

    /// <summary><c>partitioned_write_max_open_files</c>: open partitions each buffer a row group; null for the default.</summary>
    public int? MaxOpenPartitionFiles => IsTight && RowGroupBytes is { } rowGroup ? (int)Math.Clamp(Limit!.Value / 2 / rowGroup, 2, 100) : null;

    long Share(int parts) => Limit!.Value / Threads / parts;

    /// <summary>Bytes in DuckDB's spelling of a size (<c>64MB</c>, <c>1.5 GiB</c>, <c>512kb</c>); null when not understood.</summary>
    public static long? Parse(string? text)
    {
        var match = text is null ? null : SizeText().Match(text);
        if (match is not { Success: true } || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var unit = match.Groups[2].Value.ToUpperInvariant();
        double scale = unit switch
        {
            "" or "B" or "BYTE" or "BYTES" => 1,
            "KB" => 1e3,
            "MB" => 1e6,
            "GB" => 1e9,
            "TB" => 1e12,
            "KIB" => 1L << 10,
            "MIB" => 1L << 20,
            "GIB" => 1L << 30,
            "TIB" => 1L << 40,
            _ => 0,
        };
        return scale == 0 || number <= 0 ? null : (long)(number * scale);
    }

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SizeText();
}
