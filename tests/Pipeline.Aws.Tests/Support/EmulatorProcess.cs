using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Pipeline.Aws.Tests.Support;

/// <summary>
/// An emulator started as a child process on 127.0.0.1: ready once it prints <c>listening &lt;port&gt;</c>.
/// Its standard input stays open; closing it (on dispose, or when this test process dies) stops it,
/// and a process still running after that is killed.
/// </summary>
public sealed partial class EmulatorProcess : IAsyncDisposable
{
    readonly Process process;
    readonly ConcurrentQueue<string> output = new();

    EmulatorProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    /// <summary>The emulator's name, for messages.</summary>
    public string Name { get; }

    /// <summary>The port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>Its base URL.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>Its process id.</summary>
    public int Pid => process.Id;

    /// <summary>Starts the process and waits until it listens; fails with its output when it does not.</summary>
    public static async Task<EmulatorProcess> StartAsync(string name, ProcessStartInfo info, TimeSpan timeout)
    {
        info.RedirectStandardInput = info.RedirectStandardOutput = info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.Environment["EMULATOR_EXIT_WITH_STDIN"] = "1";
        var process = new Process { StartInfo = info };
        var emulator = new EmulatorProcess(name, process);
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => emulator.Received(e.Data, ready);
        process.ErrorDataReceived += (_, e) => emulator.Received(e.Data, ready);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{name} could not be started ({info.FileName}: {ex.Message}).", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(timeout));
        if (first != ready.Task)
        {
            await emulator.DisposeAsync();
            throw new InvalidOperationException(
                $"{name} did not start within {timeout.TotalSeconds} s ({(first == exited ? "it exited" : "timed out")}). Output:\n{emulator.Output}");
        }

        emulator.Port = ready.Task.Result;
        return emulator;
    }

    /// <summary>Everything it printed.</summary>
    public string Output => string.Join('\n', output);

    void Received(string? line, TaskCompletionSource<int> ready)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (Listening().Match(line) is { Success: true } match)
        {
            ready.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    [GeneratedRegex(@"^listening (\d+)$")]
    private static partial Regex Listening();
}
