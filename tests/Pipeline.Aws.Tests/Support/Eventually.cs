namespace Pipeline.Aws.Tests.Support;

/// <summary>Polls a condition until it holds or a timeout passes (then fails with a description).</summary>
public static class Eventually
{
    /// <summary>Waits for <paramref name="condition"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {timeout.TotalSeconds} s waiting for: {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for a synchronous condition.</summary>
    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string what) => HoldsAsync(() => Task.FromResult(condition()), timeout, what);
}
