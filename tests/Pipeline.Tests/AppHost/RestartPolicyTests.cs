using Pipeline.AppHost.Supervision;

namespace Pipeline.Tests.AppHost;

public sealed class RestartPolicyTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OnCrash_RepeatedCrashes_BackoffDoublesThenGivesUp()
    {
        var policy = new RestartPolicy(maxRestarts: 3, window: TimeSpan.FromMinutes(2));

        Assert.Equal(TimeSpan.FromSeconds(0.5), policy.OnCrash(T0));
        Assert.Equal(TimeSpan.FromSeconds(1), policy.OnCrash(T0.AddSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(2), policy.OnCrash(T0.AddSeconds(2)));
        Assert.Null(policy.OnCrash(T0.AddSeconds(3)));
    }

    [Fact]
    public void OnCrash_CrashesOutsideWindow_AreForgotten()
    {
        var policy = new RestartPolicy(maxRestarts: 2, window: TimeSpan.FromMinutes(1));

        policy.OnCrash(T0);
        policy.OnCrash(T0.AddSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(0.5), policy.OnCrash(T0.AddMinutes(5)));
        Assert.Equal(1, policy.RecentCrashes);
    }

    [Fact]
    public void OnCrash_ManyCrashesAllowed_DelayCappedAt30Seconds()
    {
        var policy = new RestartPolicy(maxRestarts: 100, window: TimeSpan.FromHours(1));
        TimeSpan? last = null;
        for (var i = 0; i < 20; i++)
        {
            last = policy.OnCrash(T0.AddSeconds(i));
        }

        Assert.Equal(TimeSpan.FromSeconds(30), last);
    }
}
