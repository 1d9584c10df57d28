using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Pipeline.ServiceDefaults.Hosting;

/// <summary>
/// When a supervisor (the AppHost) sets <c>PIPELINE_PARENT_PID</c>, the service stops itself once that
/// process is gone, so even a supervisor killed with SIGKILL leaves no orphan behind.
/// </summary>
public static partial class ParentProcessWatch
{
    /// <summary>The variable the supervisor sets to its own process id.</summary>
    public const string ParentPidVariable = "PIPELINE_PARENT_PID";

    /// <summary>Registers the watch when the variable is set.</summary>
    public static TBuilder AddParentProcessWatch<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        if (int.TryParse(builder.Configuration[ParentPidVariable], out var pid))
        {
            builder.Services.AddHostedService(sp => new Watcher(
                pid,
                sp.GetRequiredService<IHostApplicationLifetime>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<Watcher>>()));
            builder.Services.TryAddSingleton(TimeProvider.System);
        }

        return builder;
    }

    internal sealed partial class Watcher(
        int parentPid, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<Watcher> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500), time);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!IsAlive(parentPid))
                {
                    LogParentGone(logger, parentPid);
                    lifetime.StopApplication();
                    return;
                }
            }
        }

        static bool IsAlive(int pid)
        {
            // Reparenting is the reliable signal on Linux: a dead parent's pid may be reused.
            if (ReadParentPid() is { } ppid)
            {
                return ppid == pid;
            }

            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        static int? ReadParentPid()
        {
            try
            {
                var stat = File.ReadAllText("/proc/self/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }

        [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
            Message = "Supervisor process {ParentPid} is gone; stopping")]
        static partial void LogParentGone(ILogger logger, int parentPid);
    }
}
