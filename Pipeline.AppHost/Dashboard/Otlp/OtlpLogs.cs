using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Logs.V1;
using Pipeline.AppHost.Dashboard.Storage;
using static Pipeline.AppHost.Dashboard.Otlp.OtlpValues;

namespace Pipeline.AppHost.Dashboard.Otlp;

/// <summary>Reads the log records of an OTLP logs export.</summary>
internal static class OtlpLogs
{
    static readonly string[] Levels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];

    /// <summary>The records of <paramref name="request"/> (numbered later by the store).</summary>
    public static List<LogEntry> Read(ExportLogsServiceRequest request)
    {
        var entries = new List<LogEntry>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = ServiceName(resourceLogs.Resource);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scope = scopeLogs.Scope?.Name ?? "";
                entries.AddRange(scopeLogs.LogRecords.Select(r => Convert(r, resource, scope)));
            }
        }

        return entries;
    }

    static LogEntry Convert(LogRecord record, string resource, string scope)
    {
        var number = (int)record.SeverityNumber;
        var severity = record.SeverityText is { Length: > 0 } text ? text : LevelName(number);
        var time = record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano;
        return new LogEntry(0, Time(time), resource, scope, severity, number, Format(record.Body),
            record.TraceId.Length == 16 ? Hex(record.TraceId) : null, record.SpanId.Length == 8 ? Hex(record.SpanId) : null,
            Attributes(record.Attributes));
    }

    // 1-4 trace, 5-8 debug, 9-12 info, 13-16 warn, 17-20 error, 21-24 fatal.
    static string LevelName(int number) => number is >= 1 and <= 24 ? Levels[(number - 1) / 4] : "Unspecified";
}
