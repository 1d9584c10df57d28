using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Aws.Tests.Support;

/// <summary>A meter factory of its own plus a listener summing every long counter it creates, by name and tags.</summary>
public sealed class MetricCapture : IDisposable
{
    readonly ServiceProvider provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
    readonly MeterListener listener = new();
    readonly ConcurrentDictionary<string, long> sums = new(StringComparer.Ordinal);

    /// <summary>Starts listening.</summary>
    public MetricCapture()
    {
        Factory = provider.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == Factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            sums.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
            foreach (var tag in tags)
            {
                sums.AddOrUpdate($"{instrument.Name}|{tag.Key}={tag.Value}", value, (_, sum) => sum + value);
            }
        });
        listener.Start();
    }

    /// <summary>The factory whose meters are captured.</summary>
    public IMeterFactory Factory { get; }

    /// <summary>The sum of a counter, optionally only its measurements with one tag value.</summary>
    public long Sum(string instrument, string? tag = null, object? value = null) =>
        sums.GetValueOrDefault(tag is null ? instrument : $"{instrument}|{tag}={value}");

    /// <inheritdoc />
    public void Dispose()
    {
        listener.Dispose();
        provider.Dispose();
    }
}
