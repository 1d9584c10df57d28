using System.Diagnostics;
using Pipeline.Core.Grains;
using Pipeline.Core.Lake;
using Pipeline.Core.Queries;
using Pipeline.Silo.Storage;

namespace Pipeline.Silo.Queries;

/// <summary>
/// One query execution. Its record is durable (a silo's crash leaves it Failed, not unknown); the SQL runs on this
/// silo's <see cref="QueryService"/>, outside the grain's turns, which reports the outcome back.
/// </summary>
[GrainType("query")]
public sealed partial class QueryGrain(
    [PersistentState("state", PipelineGrainStorage.Name)] IPersistentState<QueryGrainState> persisted,
    QueryService queries, ILakeStore lake, TimeProvider time, Microsoft.Extensions.Options.IOptions<QueryOptions> options) : Grain, IQueryGrain, IQueryWorkGrain
{
    string Id => this.GetPrimaryKeyString();

    QueryGrainState State => persisted.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Queued or running in an activation that is gone: its silo stopped, and the SQL with it.
        if (persisted.RecordExists && State.State is QueryState.Queued or QueryState.Running && queries.StateOf(Id) is null)
        {
            State.State = QueryState.Failed;
            State.Error = "The silo running this query stopped before it finished; start it again.";
            State.CompletedAt = time.GetUtcNow();
            await persisted.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<QueryExecution> StartAsync(string sql, CancellationToken cancellationToken = default)
    {
        if (persisted.RecordExists)
        {
            throw new GrainException(GrainErrorKind.Conflict, $"Query {Id} was started before.");
        }

        State.Sql = sql;
        State.State = QueryState.Queued;
        State.SubmittedAt = time.GetUtcNow();
        await persisted.WriteStateAsync(cancellationToken);
        // Kept active while the SQL may run: a later activation would take the run for lost.
        DelayDeactivation(options.Value.Timeout + TimeSpan.FromMinutes(1));
        var parent = Activity.Current?.Context ?? default;
        var self = GrainFactory.GetGrain<IQueryWorkGrain>(Id);
        // The run leaves the grain's scheduler; its outcome comes back as a call, like any other.
        _ = Task.Run(async () => await self.CompletedAsync(await queries.RunAsync(Id, sql, parent), CancellationToken.None), CancellationToken.None);
        return Execution();
    }

    public Task<QueryExecution> GetAsync(CancellationToken cancellationToken = default)
    {
        RequireStarted();
        return Task.FromResult(Execution());
    }

    public async Task<QueryExecution> CancelAsync(CancellationToken cancellationToken = default)
    {
        RequireStarted();
        if (State.State is QueryState.Queued or QueryState.Running && !queries.Cancel(Id))
        {
            await CompletedAsync(new QueryOutcome(QueryState.Cancelled, "Cancelled by request.", time.GetUtcNow(), new QueryStatistics(0, 0, 0), [], null, null),
                cancellationToken);
        }

        return Execution();
    }

    public async Task CompletedAsync(QueryOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (State.State is not (QueryState.Queued or QueryState.Running))
        {
            return;
        }

        State.State = outcome.State;
        State.Error = outcome.Error;
        State.CompletedAt = outcome.CompletedAt;
        State.Statistics = outcome.Statistics;
        State.Columns = [.. outcome.Columns];
        State.ResultsKey = outcome.ResultsKey;
        State.RowsKey = outcome.RowsKey;
        await persisted.WriteStateAsync(cancellationToken);
    }

    QueryExecution Execution() => new(Id, State.Sql, State.State == QueryState.Queued ? queries.StateOf(Id) ?? State.State : State.State,
        State.Error, State.SubmittedAt, State.CompletedAt, State.Statistics, State.ResultsKey);

    void RequireStarted()
    {
        if (!persisted.RecordExists)
        {
            throw new GrainException(GrainErrorKind.NotFound, $"There is no query execution '{Id}'.");
        }
    }
}
