using System.CommandLine;
using Pipeline.Benchmarks;

var size = new Option<int>("--size-mb") { Description = "Size of the CSV for benchmark (a)", DefaultValueFactory = _ => 1024 };
var samples = new Option<int>("--samples") { Description = "Uploads measured for benchmark (b)", DefaultValueFactory = _ => 30 };
var output = new Option<string>("--out") { Description = "Where to write the report", DefaultValueFactory = _ => "BENCHMARKS.md" };
var only = new Option<string?>("--only") { Description = "Run only 'transform', 'latency', 'load' or 'arrivals'" };
var notices = new Option<int>("--arrival-notices") { Description = "Notices recorded by the arrivals run", DefaultValueFactory = _ => 100_000 };
var rounds = new Option<int>("--rounds") { Description = "Rounds of benchmark (a); the medians are reported", DefaultValueFactory = _ => 3 };
var files = new Option<int>("--load-files") { Description = "Files uploaded by the load run", DefaultValueFactory = _ => 2000 };
var root = new RootCommand("Measures Pipeline against its targets and writes BENCHMARKS.md.") { size, rounds, samples, output, only, files, notices };
root.SetAction(async (parse, ct) =>
{
    var work = Path.Combine(Path.GetTempPath(), "pipeline-bench-" + Guid.NewGuid().ToString("N")[..8]);
    Directory.CreateDirectory(work);
    void Log(string line) => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
    try
    {
        var which = parse.GetValue(only);
        var latency = which is null or "latency" ? await LatencyBenchmark.RunAsync(work, parse.GetValue(samples), Log) : null;
        var transform = which is null or "transform" ? await TransformBenchmark.RunAsync(work, parse.GetValue(size) * 1_000_000L, Math.Max(1, parse.GetValue(rounds)), Log) : null;
        var load = which is null or "load" ? await LoadBenchmark.RunAsync(work, parse.GetValue(files), 20, 16, Log) : null;
        var arrivals = which is null or "arrivals" ? await ArrivalsBenchmark.RunAsync(work, parse.GetValue(notices), 100, 4, Log) : null;
        var command = "dotnet run -c Release --project bench/Pipeline.Benchmarks" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");
        var path = parse.GetValue(output)!;
        var text = Report.Merge(File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : null, Report.Write(command, transform, latency, load, arrivals));
        await File.WriteAllTextAsync(path, text, ct);
        Console.WriteLine(text);
        return 0;
    }
    finally
    {
        Directory.Delete(work, recursive: true);
    }
});
return await root.Parse(args).InvokeAsync();
