using Pipeline.Core.Queries;

namespace Pipeline.Core.Grains;

/// <summary>
/// One Athena-style query execution, keyed by its id: started once, then polled for its state and paged through.
/// Its record is durable; the SQL runs outside the grain on the silo that holds it.
/// </summary>
[Alias("pipeline.IQueryGrain")]
public interface IQueryGrain : IGrainWithStringKey
{
    /// <summary>Queues the SQL; a second start of the same id is a conflict.</summary>
    Task<QueryExecution> StartAsync(string sql, CancellationToken cancellationToken = default);

    Task<QueryExecution> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>A page of a succeeded query's rows (conflict before it succeeded; invalid for a foreign page token).</summary>
    Task<ResultPageData> GetResultsAsync(int pageSize, string? pageToken, CancellationToken cancellationToken = default);

    /// <summary>Cancels a queued or running execution; a finished one is left as it is.</summary>
    Task<QueryExecution> CancelAsync(CancellationToken cancellationToken = default);
}
