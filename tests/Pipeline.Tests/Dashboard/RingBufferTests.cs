using Pipeline.AppHost.Dashboard.Storage;

namespace Pipeline.Tests.Dashboard;

public sealed class RingBufferTests
{
    [Fact]
    public void Add_BeyondCapacity_DropsOldestAndKeepsOrder()
    {
        var buffer = new RingBuffer<int>(3);
        var dropped = new List<int>();
        for (var i = 1; i <= 5; i++)
        {
            if (buffer.Add(i, out var gone))
            {
                dropped.Add(gone);
            }
        }

        Assert.Equal([3, 4, 5], buffer.Items());
        Assert.Equal([5, 4, 3], buffer.NewestFirst());
        Assert.Equal([1, 2], dropped);
        Assert.Equal(3, buffer.Count);
    }
}
