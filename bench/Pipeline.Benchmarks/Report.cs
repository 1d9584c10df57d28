using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Pipeline.Benchmarks;

/// <summary>Writes BENCHMARKS.md: the machine, the command, the figures and the targets.</summary>
public static class Report
{
    /// <summary>The Markdown text.</summary>
    public static string Write(string command, TransformFigures? transform, LatencyFigures? latency, LoadFigures? load, ArrivalFigures? arrivals = null)
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine("# Benchmarks").AppendLine();
        md.AppendLine("Written by `dotnet run -c Release --project bench/Pipeline.Benchmarks` (all sections) or with `-- --only <name>` (one section, the others kept). Each section says the command that measured it and when.").AppendLine();
        var stamp = string.Create(c, $"Measured by `{command}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        md.AppendLine("## Machine").AppendLine();
        md.AppendLine(c, $"- CPU: {CpuModel()}, {Environment.ProcessorCount} cores");
        md.AppendLine(c, $"- Memory: {MemoryGiB():0.0} GiB");
        md.AppendLine(c, $"- OS: {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}; DuckDB {Duck.Version()} (DuckDB.NET)");
        md.AppendLine("- Configuration: the defaults (no engine memory limit or thread count set), Release build").AppendLine();
        if (transform is not null)
        {
            md.AppendLine("## (a) Transform of a large CSV vs DuckDB's own COPY, and (c) silo memory").AppendLine();
            md.AppendLine(stamp).AppendLine();
            md.AppendLine(c, $"A generated taxi-trips CSV of {transform.FileBytes / 1e6:0} MB ({transform.Rows:N0} rows), partitioned by `vendor_id` and `day(pickup_datetime)`, no primary key.");
            md.AppendLine("The baseline is `COPY (SELECT *, CAST(pickup_datetime AS DATE) AS pickup_datetime_day FROM read_csv(file)) TO dir (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (vendor_id, pickup_datetime_day))` in the benchmark process; the pipeline figure is the silo's Transform attempt (start to end, as the run's API shows it) for the same file copied into the raw zone of a new dataset.");
            md.AppendLine(c, $"The system is started and warmed first (one small run, then 15 s of the status polls the measurement makes); then {transform.Rounds.Count} rounds each run the COPY and then the pipeline, and the medians are compared.").AppendLine();
            md.AppendLine("| round | DuckDB COPY | transform stage | ratio | arrival to queryable | rows written |").AppendLine("| --- | --- | --- | --- | --- | --- |");
            for (var i = 0; i < transform.Rounds.Count; i++)
            {
                var r = transform.Rounds[i];
                md.AppendLine(c, $"| {i + 1} | {r.Baseline.TotalSeconds:0.00} s | {r.Transform.TotalSeconds:0.00} s | {r.Ratio:0.00}x | {r.ArrivalToQueryable.TotalSeconds:0.00} s | {r.RowsWritten:N0} |");
            }

            md.AppendLine().AppendLine("| figure | value | target |").AppendLine("| --- | --- | --- |");
            md.AppendLine(c, $"| DuckDB COPY (baseline), median | {transform.Baseline.TotalSeconds:0.00} s | |");
            md.AppendLine(c, $"| pipeline transform stage, median | {transform.Transform.TotalSeconds:0.00} s | |");
            md.AppendLine(c, $"| ratio of the medians | {transform.Ratio:0.00}x | within 1.25x: {(transform.Ratio <= 1.25 ? "met" : "NOT met")} |");
            md.AppendLine(c, $"| arrival to queryable (whole run), median | {transform.ArrivalToQueryable.TotalSeconds:0.00} s | |");
            md.AppendLine(c, $"| every row written in every round | {(transform.AllRowsWritten ? "yes" : "NO")} ({transform.Rows:N0} rows) | |");
            md.AppendLine(c, $"| silo peak resident memory (VmHWM) over all rounds | {transform.SiloPeakBytes / 1048576.0:0} MiB | under 1024 MiB: {(transform.SiloPeakBytes < 1L << 30 ? "met" : "NOT met")} |").AppendLine();
        }

        if (latency is not null)
        {
            md.AppendLine("## (b) Arrival-to-queryable latency of a 1 MB CSV, warm system").AppendLine();
            md.AppendLine(stamp).AppendLine();
            md.AppendLine(c, $"{latency.Samples.Count} uploads of a 1 MB CSV (about 30,000 trips of one day; the dataset is partitioned by `day(pickup_datetime)`) after 3 warm-up ones, one at a time; each measured from the start of the upload request to the moment the dataset's status shows the run committed (polled every 10 ms).").AppendLine();
            md.AppendLine("| figure | value | target |").AppendLine("| --- | --- | --- |");
            md.AppendLine(c, $"| p50 | {latency.Percentile(50).TotalMilliseconds:0} ms | under 1000 ms: {(latency.Percentile(50) < TimeSpan.FromSeconds(1) ? "met" : "NOT met")} |");
            md.AppendLine(c, $"| p90 | {latency.Percentile(90).TotalMilliseconds:0} ms | |");
            md.AppendLine(c, $"| max | {latency.Samples.Max().TotalMilliseconds:0} ms | |");
        }

        if (load is not null)
        {
            md.AppendLine().AppendLine("## (d) Load: concurrent uploads while queries run").AppendLine();
            md.AppendLine(stamp).AppendLine();
            md.AppendLine(c, $"{load.Clients} clients upload {load.Files:N0} small CSV files ({load.Files / load.Datasets} per dataset, 40 rows each) across {load.Datasets} datasets on loopback while a client runs queries; then every table is checked.").AppendLine();
            md.AppendLine("| figure | value |").AppendLine("| --- | --- |");
            md.AppendLine(c, $"| throughput (first upload to all queryable) | {load.FilesPerSecond:0.0} files/s ({load.Elapsed.TotalSeconds:0.0} s) |");
            md.AppendLine(c, $"| upload latency p50 / p99 | {Pct(load.UploadLatencies, 50)} / {Pct(load.UploadLatencies, 99)} ms |");
            md.AppendLine(c, $"| arrival to queryable p50 / p99 | {Pct(load.ArrivalToQueryable, 50)} / {Pct(load.ArrivalToQueryable, 99)} ms |");
            md.AppendLine(c, $"| runs / queries during the load | {load.Runs} / {load.QueriesRun} |");
            md.AppendLine(c, $"| every file recorded once, every run succeeded, counts and sums exact | {(load.Exact ? "yes" : "NO")} |");
        }

        if (arrivals is not null)
        {
            md.AppendLine().AppendLine("## (e) Arrivals recorded per second by one silo").AppendLine();
            md.AppendLine(stamp).AppendLine();
            md.AppendLine(c, $"{arrivals.Notices:N0} arrival notices over {arrivals.Datasets} datasets, recorded through the grain interface the way the SQS feed calls it: {arrivals.Receivers} receive loops, each taking {arrivals.MessagesPerReceive} messages (one S3 event each, spread over the datasets at random) and making one `RecordArrivalsAsync` call per dataset of the receive, side by side; each call returns once its notices are durable (SQLite, the local profile). The silo runs in the benchmark's process, composed as `Pipeline.Silo` composes itself; the datasets batch for a day, so no run competes for the cores.").AppendLine();
            md.AppendLine("| figure | value | target |").AppendLine("| --- | --- | --- |");
            md.AppendLine(c, $"| arrivals recorded per second | {arrivals.PerSecond:N0} ({arrivals.Recorded:N0} in {arrivals.Elapsed.TotalSeconds:0.0} s) | 5,000: {(arrivals.PerSecond >= 5000 ? "met" : "NOT met")} |");
            md.AppendLine(c, $"| grain calls / p50 / p99 per call | {arrivals.Calls:N0} / {arrivals.P50Ms:0.00} ms / {arrivals.P99Ms:0.00} ms | |");
            md.AppendLine(c, $"| every notice recorded once | {(arrivals.Recorded == arrivals.Notices ? "yes" : "NO")} | |");
        }

        return md.ToString();
    }

    /// <summary>
    /// The report merged into what <paramref name="existing"/> holds: sections measured now replace theirs, the others
    /// stay as they were (each says when and how it was measured).
    /// </summary>
    public static string Merge(string? existing, string fresh)
    {
        if (string.IsNullOrWhiteSpace(existing))
        {
            return fresh;
        }

        var old = Sections(existing);
        var now = Sections(fresh);
        var merged = new StringBuilder(now[""]);
        foreach (var heading in old.Keys.Concat(now.Keys).Where(k => k.Length > 0).Distinct().Order(StringComparer.Ordinal))
        {
            merged.Append(now.TryGetValue(heading, out var text) ? text : old[heading]);
        }

        return merged.ToString();
    }

    // "## (x) ..." sections by their "(x)" label; "" is the header before the first of them.
    static Dictionary<string, string> Sections(string text)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var key = "";
        var current = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("## (", StringComparison.Ordinal))
            {
                sections[key] = current.ToString();
                key = line[3..(line.IndexOf(')', StringComparison.Ordinal) + 1)];
                current.Clear();
            }

            current.Append(line).Append('\n');
        }

        sections[key] = current.ToString().TrimEnd('\n') + "\n";
        return sections;
    }

    static string Pct(IReadOnlyList<TimeSpan> samples, double p) =>
        new LatencyFigures(samples).Percentile(p).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);

    static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";

    static double MemoryGiB() =>
        File.Exists("/proc/meminfo")
            ? long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1048576.0
            : 0;
}
