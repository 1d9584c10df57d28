using Pipeline.AppHost.Resources;

namespace Pipeline.AppHost.Supervision;

/// <summary>
/// Keeps one resource running: starts it, waits for <c>/health</c>, restarts it with backoff when it
/// dies, gives up on a crash loop, and stops it gracefully when asked.
/// </summary>
public sealed class Supervisor(
    ResourceState resource, AppHostOptions options, string dotnetPath, ConsoleOutput output,
    HttpClient http, TimeProvider time)
{
    static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    readonly RestartPolicy policy = new(options.MaxRestarts, options.RestartWindow);
    readonly TaskCompletionSource firstHealthy = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the resource answers <c>/health</c> for the first time; faults if it never does.</summary>
    public Task FirstHealthy => firstHealthy.Task;

    /// <summary>Runs until <paramref name="stopping"/> fires (then stops the child) or the resource is given up.</summary>
    /// <exception cref="ResourceFailedException">The resource crash-looped or never became healthy.</exception>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                using var child = ChildProcess.Start(resource.Spec, dotnetPath, output);
                resource.ProcessId = child.Id;
                resource.StartedAt = time.GetUtcNow();
                resource.Status = ResourceStatus.Starting;

                var exited = child.WaitForExitAsync(CancellationToken.None);
                await WaitHealthyAsync(child, exited, stopping).ConfigureAwait(false);
                await Task.WhenAny(exited, Task.Delay(Timeout.Infinite, stopping)).ConfigureAwait(false);

                if (stopping.IsCancellationRequested || await StopRequestedSoonAsync(stopping).ConfigureAwait(false))
                {
                    await child.StopAsync(StopGrace, CancellationToken.None).ConfigureAwait(false);
                    resource.Status = ResourceStatus.Stopped;
                    resource.ProcessId = null;
                    return;
                }

                await BackOffAsync(child.ExitCode, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            resource.Status = ResourceStatus.Stopped;
        }
        catch (Exception ex)
        {
            resource.Status = ResourceStatus.Failed;
            firstHealthy.TrySetException(ex);
            throw;
        }
    }

    async Task WaitHealthyAsync(ChildProcess child, Task exited, CancellationToken stopping)
    {
        var deadline = time.GetUtcNow() + options.StartTimeout;
        while (!exited.IsCompleted)
        {
            stopping.ThrowIfCancellationRequested();
            if (await IsHealthyAsync(stopping).ConfigureAwait(false))
            {
                resource.Status = ResourceStatus.Running;
                if (!firstHealthy.Task.IsCompleted)
                {
                    firstHealthy.TrySetResult();
                }
                else
                {
                    output.Info($"{resource.Spec.Name} is healthy again (pid {child.Id})");
                }

                return;
            }

            if (time.GetUtcNow() > deadline)
            {
                child.Kill();
                throw new ResourceFailedException(
                    $"{resource.Spec.Name} did not answer {resource.Spec.HealthUrl} within {options.StartTimeout.TotalSeconds:0} s");
            }

            await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(200), time, stopping)).ConfigureAwait(false);
        }
    }

    async Task<bool> IsHealthyAsync(CancellationToken stopping)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await http.GetAsync(resource.Spec.HealthUrl, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return false;
        }
    }

    // Ctrl+C reaches the children and the AppHost together; an exit that races the AppHost's own
    // shutdown is a stop, not a crash.
    async Task<bool> StopRequestedSoonAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), time, stopping).ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    async Task BackOffAsync(int exitCode, CancellationToken stopping)
    {
        resource.LastExitCode = exitCode;
        resource.ProcessId = null;
        var delay = policy.OnCrash(time.GetUtcNow());
        if (delay is null)
        {
            throw new ResourceFailedException(
                $"{resource.Spec.Name} exited with code {exitCode}; it crashed {policy.RecentCrashes} times " +
                $"within {options.RestartWindow.TotalSeconds:0} s, giving up");
        }

        resource.Status = ResourceStatus.Restarting;
        resource.Restarts++;
        output.Info($"{resource.Spec.Name} exited with code {exitCode}; restarting in {delay.Value.TotalSeconds:0.#} s " +
                    $"(restart {policy.RecentCrashes} of at most {options.MaxRestarts})");
        await Task.Delay(delay.Value, time, stopping).ConfigureAwait(false);
    }
}
