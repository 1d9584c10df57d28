using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Metrics.V1;
using Pipeline.AppHost.Dashboard.Storage;
using static Pipeline.AppHost.Dashboard.Otlp.OtlpValues;

namespace Pipeline.AppHost.Dashboard.Otlp;

/// <summary>Reads the data points of an OTLP metrics export into the metric store.</summary>
internal static class OtlpMetrics
{
    /// <summary>Adds every point of <paramref name="request"/> to <paramref name="store"/>; returns how many.</summary>
    public static int Store(ExportMetricsServiceRequest request, MetricStore store)
    {
        var count = 0;
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = ServiceName(resourceMetrics.Resource);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scope = scopeMetrics.Scope?.Name ?? "";
                foreach (var metric in scopeMetrics.Metrics)
                {
                    foreach (var (attributes, point) in Points(metric))
                    {
                        var type = metric.DataCase.ToString().ToLowerInvariant();
                        store.Add(new MetricInstrument(resource, scope, metric.Name, metric.Description, metric.Unit, type), attributes, point);
                        count++;
                    }
                }
            }
        }

        return count;
    }

    static IEnumerable<(List<KeyValuePair<string, string>>, MetricPoint)> Points(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Select(Number),
        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Select(Number),
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Select(p =>
            (Attributes(p.Attributes), Distribution(p.TimeUnixNano, p.Count, p.HasSum ? p.Sum : null))),
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Select(p =>
            (Attributes(p.Attributes), Distribution(p.TimeUnixNano, p.Count, p.HasSum ? p.Sum : null))),
        Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Select(p =>
            (Attributes(p.Attributes), Distribution(p.TimeUnixNano, p.Count, p.Sum))),
        _ => [],
    };

    static (List<KeyValuePair<string, string>>, MetricPoint) Number(NumberDataPoint p) =>
        (Attributes(p.Attributes), new MetricPoint(Time(p.TimeUnixNano),
            p.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? p.AsInt : p.AsDouble));

    static MetricPoint Distribution(ulong time, ulong count, double? sum) =>
        new(Time(time), count == 0 || sum is null ? 0 : sum.Value / count, count, sum);
}
