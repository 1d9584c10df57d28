using System.Diagnostics;

namespace Pipeline.Tests.Support;

/// <summary>Checks on processes by id.</summary>
public static class ProcessProbe
{
    /// <summary>True while a process with that id runs (zombies count as gone).</summary>
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL of one process, as a crash would.</summary>
    public static void Kill(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill();
    }

    /// <summary>Waits until none of the processes runs, up to <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitAllGoneAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var list = pids.ToList();
        while (watch.Elapsed < timeout)
        {
            if (list.All(p => !IsRunning(p)))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
