using System.Collections.Concurrent;
using Pipeline.Silo.Grains;

namespace Pipeline.Tests.Silo.Grains;

/// <summary>
/// A stage runner that runs nothing: it records what the grain started so a test can answer each
/// attempt itself (success, transient or permanent failure). Used to test grain decisions in
/// isolation; the real stages are covered by the end-to-end tests.
/// </summary>
public sealed class ScriptedStageRunner : IStageRunner
{
    readonly ConcurrentQueue<StageWork> started = new();
    readonly ConcurrentDictionary<string, byte> running = new();

    /// <summary>Everything started, in order.</summary>
    public IReadOnlyList<StageWork> Started => [.. started];

    /// <inheritdoc />
    public void Start(StageWork work)
    {
        running[work.Token] = 0;
        started.Enqueue(work);
    }

    /// <inheritdoc />
    public bool IsRunning(string token) => running.ContainsKey(token);

    /// <summary>Forgets in-flight attempts, as a silo restart would.</summary>
    public void Crash() => running.Clear();

    /// <summary>Marks an attempt finished (the test reports its outcome to the grain itself).</summary>
    public void Finish(string token) => running.TryRemove(token, out _);
}
