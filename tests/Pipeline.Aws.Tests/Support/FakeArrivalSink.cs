using System.Collections.Concurrent;
using Pipeline.Core.Datasets;
using Pipeline.Core.Lake;

namespace Pipeline.Aws.Tests.Support;

/// <summary>A sink recording in memory, once per (dataset, key, ETag), that a test can make slow, failing or unaware of a dataset.</summary>
public sealed class FakeArrivalSink : IArrivalSink
{
    readonly ConcurrentDictionary<(string, string, string), byte> recorded = new();

    /// <summary>Every call, in order.</summary>
    public ConcurrentQueue<(string Dataset, IReadOnlyList<ArrivalNotice> Notices)> Calls { get; } = new();

    /// <summary>Calls still to fail.</summary>
    public int FailuresLeft { get; set; }

    /// <summary>How long each call takes.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>What each call waits for after <see cref="Delay"/>: a test can hold a call for exactly as long as it needs.</summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    /// <summary>Datasets that are not registered.</summary>
    public HashSet<string> Unknown { get; } = [];

    /// <summary>The distinct arrivals recorded.</summary>
    public int Count => recorded.Count;

    /// <inheritdoc />
    public async Task<ArrivalsRecorded?> RecordAsync(string dataset, IReadOnlyList<ArrivalNotice> notices, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((dataset, notices));
        await Task.Delay(Delay, cancellationToken);
        await Gate.WaitAsync(cancellationToken);
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new HttpRequestException("the silo is restarting");
        }

        if (Unknown.Contains(dataset))
        {
            return null;
        }

        var fresh = notices.Count(n => recorded.TryAdd((dataset, n.Key, n.ETag), 0));
        return new ArrivalsRecorded(fresh, notices.Count - fresh);
    }
}
