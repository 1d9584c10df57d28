using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Pipeline.Silo.Faults;

/// <summary>Named points where the fault-injection switch can make the silo kill itself.</summary>
public enum FaultPoint
{
    /// <summary>Right after an arrival is durably recorded.</summary>
    AfterArrival,

    /// <summary>While the transform writes its output.</summary>
    MidTransform,

    /// <summary>Right after the transform's EMR step is submitted, before it ends.</summary>
    MidStep,

    /// <summary>After the transform, before the run commits.</summary>
    BeforeCommit,

    /// <summary>Half-way through moving the run's files into the table.</summary>
    MidCommit,

    /// <summary>After the files moved, before the catalog records them.</summary>
    MidCatalog,

    /// <summary>While curated views are refreshed.</summary>
    MidCurate,
}

/// <summary>Fault-injection settings (<c>Pipeline:Faults</c>); off unless configured. For crash tests only.</summary>
public sealed class FaultOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pipeline:Faults";

    /// <summary>Point at which the silo kills itself (SIGKILL), or null.</summary>
    public FaultPoint? KillAt { get; set; }

    /// <summary>A marker file: the kill happens only while it does not exist, and creates it (so one crash per test).</summary>
    public string? OnceMarker { get; set; }
}

/// <summary>Kills the process at the configured point, as a power cut would.</summary>
public sealed class FaultInjector(IOptions<FaultOptions> options)
{
    /// <summary>
    /// When <paramref name="point"/> is the configured one, kills the process as soon as the first file appears
    /// under <paramref name="folder"/> (the engine is writing its output); disposing stops the watch.
    /// </summary>
    public IDisposable? WatchForFirstFile(string folder, FaultPoint point)
    {
        if (options.Value.KillAt != point)
        {
            return null;
        }

        // The engine deletes and recreates its output folder, so watch the folder above it.
        var parent = Path.GetDirectoryName(Path.GetFullPath(folder))!;
        Directory.CreateDirectory(parent);
        var watcher = new FileSystemWatcher(parent) { IncludeSubdirectories = true };
        watcher.Created += (_, e) =>
        {
            if (e.FullPath.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(e.FullPath))
            {
                Hit(point);
            }
        };
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    /// <summary>Called at each named point; returns normally unless this is the configured one.</summary>
    public void Hit(FaultPoint point)
    {
        var o = options.Value;
        if (o.KillAt != point)
        {
            return;
        }

        if (o.OnceMarker is { } marker)
        {
            if (File.Exists(marker))
            {
                return;
            }

            File.WriteAllText(marker, point.ToString());
        }

        Console.Error.WriteLine($"fault injection: killing the silo at {point}");
        Process.GetCurrentProcess().Kill();
    }
}
