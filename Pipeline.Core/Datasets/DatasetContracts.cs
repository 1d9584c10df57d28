using Pipeline.Core.Runs;

namespace Pipeline.Core.Datasets;

/// <summary>A dataset as <c>GET /api/datasets/{id}</c> shows it.</summary>
[GenerateSerializer, Alias("pipeline.DatasetInfo")]
public sealed record DatasetInfo(
    string Id,
    DatasetDefinition Definition,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt,
    long ArrivalsTotal,
    long ArrivalsPending,
    RunInfo? LastRun,
    string? Table);

/// <summary>Answer to <c>PUT /api/datasets/{id}</c>.</summary>
[GenerateSerializer, Alias("pipeline.RegisterResult")]
public sealed record RegisterResult(bool Created, DatasetInfo Dataset);

/// <summary>One file seen in the raw zone. Its identity is (Key, ETag).</summary>
/// <param name="Key">Lake key, <c>raw/&lt;dataset&gt;/...</c>.</param>
/// <param name="ETag">Content identity: the store's ETag, or size and modification time locally.</param>
/// <param name="Size">Bytes.</param>
/// <param name="TraceParent">W3C trace context of the upload or notification that reported it.</param>
[GenerateSerializer, Immutable, Alias("pipeline.ArrivalNotice")]
public sealed record ArrivalNotice(string Key, string ETag, long Size, string? TraceParent = null);

/// <summary>What recording arrivals did: how many were new.</summary>
[GenerateSerializer, Immutable, Alias("pipeline.ArrivalsRecorded")]
public sealed record ArrivalsRecorded(int Recorded, int Duplicates);

/// <summary>Answer to an upload.</summary>
[GenerateSerializer, Immutable, Alias("pipeline.UploadResult")]
public sealed record UploadResult(string Key, long Size, bool Duplicate);
