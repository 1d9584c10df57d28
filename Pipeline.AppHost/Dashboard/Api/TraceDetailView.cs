using Pipeline.AppHost.Dashboard.Storage;

namespace Pipeline.AppHost.Dashboard.Api;

/// <summary>One trace as <c>/api/traces/{traceId}</c> returns it: its summary and its spans by start time.</summary>
public sealed record TraceDetailView(TraceSummary Summary, IReadOnlyList<SpanData> Spans);

/// <summary>New console lines of one resource, with the sequence to ask after next time.</summary>
public sealed record ConsoleLinesView(string Resource, IReadOnlyList<ConsoleLine> Lines, long Last);
