namespace Pipeline.AppHost.Dashboard.Storage;

/// <summary>A fixed-capacity FIFO: adding to a full buffer drops the oldest item. Not thread-safe.</summary>
public sealed class RingBuffer<T>
{
    readonly T[] items;
    int start;

    /// <summary>Creates an empty buffer holding at most <paramref name="capacity"/> items.</summary>
    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        items = new T[capacity];
    }

    /// <summary>Items held now.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="item"/>; returns true and the dropped item when the buffer was full.</summary>
    public bool Add(T item, out T? dropped)
    {
        if (Count < items.Length)
        {
            items[(start + Count) % items.Length] = item;
            Count++;
            dropped = default;
            return false;
        }

        dropped = items[start];
        items[start] = item;
        start = (start + 1) % items.Length;
        return true;
    }

    /// <summary>The items, oldest first.</summary>
    public IEnumerable<T> Items()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return items[(start + i) % items.Length];
        }
    }

    /// <summary>The items, newest first.</summary>
    public IEnumerable<T> NewestFirst()
    {
        for (var i = Count - 1; i >= 0; i--)
        {
            yield return items[(start + i) % items.Length];
        }
    }
}
