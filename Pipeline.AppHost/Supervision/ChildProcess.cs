using System.Diagnostics;
using Pipeline.AppHost.Resources;

namespace Pipeline.AppHost.Supervision;

/// <summary>One running process of a resource, with its output forwarded line by line.</summary>
public sealed class ChildProcess : IDisposable
{
    readonly Process process;

    ChildProcess(Process process) => this.process = process;

    /// <summary>The process id.</summary>
    public int Id => process.Id;

    /// <summary>Exit code once exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Starts <c>dotnet &lt;assembly&gt;</c> with the resource's environment.</summary>
    public static ChildProcess Start(ResourceSpec spec, string dotnetPath, ConsoleOutput output)
    {
        var info = new ProcessStartInfo(dotnetPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(spec.AssemblyPath)!,
        };
        info.ArgumentList.Add(spec.AssemblyPath);
        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Forward(output, spec.Name, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(output, spec.Name, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process);
    }

    /// <summary>Completes when the process has exited and its output is drained.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken = default) =>
        process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGTERM, then SIGKILL of the whole tree if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (process.HasExited)
        {
            return;
        }

        Signals.Terminate(process.Id);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>SIGKILL of the process tree, at once.</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <inheritdoc />
    public void Dispose() => process.Dispose();

    static void Forward(ConsoleOutput output, string name, string? line)
    {
        if (line is not null)
        {
            output.Write(name, line);
        }
    }
}
