using System.Diagnostics.Metrics;

namespace Pipeline.Silo.Arrivals;

/// <summary>Instruments of the reconciliation listing (meter <c>Pipeline.Silo.Arrivals</c>).</summary>
public sealed class ReconcileMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Pipeline.Silo.Arrivals";

    readonly Meter meter;
    readonly Counter<long> listed;
    readonly Counter<long> recorded;

    /// <summary>Creates the instruments.</summary>
    public ReconcileMetrics(IMeterFactory factory)
    {
        meter = factory.Create(MeterName);
        listed = meter.CreateCounter<long>("pipeline.arrivals.reconcile.listed", "{object}", "Raw-zone objects listed by reconciliation passes");
        recorded = meter.CreateCounter<long>("pipeline.arrivals.reconcile.recorded", "{file}",
            "Arrivals recorded by the reconciliation listing: files no notification had reported");
    }

    /// <summary>A pass over one dataset ended.</summary>
    public void Pass(string dataset, int objects, int newArrivals)
    {
        var tag = new KeyValuePair<string, object?>("pipeline.dataset", dataset);
        listed.Add(objects, tag);
        recorded.Add(newArrivals, tag);
    }

    /// <inheritdoc />
    public void Dispose() => meter.Dispose();
}
