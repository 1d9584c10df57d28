using Pipeline.AppHost.Dashboard.Storage;

namespace Pipeline.Tests.Dashboard;

public sealed class SpanStoreTests
{
    static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    static SpanData Span(string trace, string id, string? parent, string dataset = "trips", string status = SpanStatus.Unset) =>
        new(trace, id, parent, "span " + id, "Internal", "silo", "test", T0, T0.AddMilliseconds(10), status, null,
            [new("pipeline.dataset", dataset), new("pipeline.run_id", "run-1")], [], []);

    [Fact]
    public void Add_BeyondCapacity_OldestSpansLeaveTheTraceIndex()
    {
        var store = new SpanStore(capacity: 3);

        store.Add([Span("t1", "a", null), Span("t1", "b", "a"), Span("t2", "c", null), Span("t2", "d", "c")]);

        Assert.Equal(3, store.Count);
        Assert.Equal(["b"], store.Trace("t1")!.Select(s => s.SpanId));
        store.Add([Span("t3", "e", null)]);
        Assert.Null(store.Trace("t1"));
        Assert.Equal(["t3", "t2"], store.Query(new TraceQuery()).Select(t => t.TraceId).Order().Reverse());
    }

    [Fact]
    public void Query_FiltersByDatasetRunAndStatus()
    {
        var store = new SpanStore(100);
        store.Add([Span("t1", "a", null, "trips"), Span("t2", "b", null, "orders", SpanStatus.Error), Span("t2", "c", "b", "orders")]);

        Assert.Equal("t1", Assert.Single(store.Query(new TraceQuery(Dataset: "trips"))).TraceId);
        var failed = Assert.Single(store.Query(new TraceQuery(Status: "error")));
        Assert.Equal(("t2", "span b", 2), (failed.TraceId, failed.Name, failed.SpanCount));
        Assert.Equal("t1", Assert.Single(store.Query(new TraceQuery(Status: "ok"))).TraceId);
        Assert.Equal(2, store.Query(new TraceQuery(RunId: "run-1")).Count);
        Assert.Empty(store.Query(new TraceQuery(Resource: "api")));
    }
}
