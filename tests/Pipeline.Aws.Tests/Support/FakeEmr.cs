using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Aws.Tests.Support;

/// <summary>
/// A fake EMR (ours, not AWS) on a real HTTP server, with EMR's state machines: a started cluster is STARTING, then
/// WAITING; a step is PENDING, then RUNNING, then ends as <see cref="StepEnd"/> says, one state per DescribeStep.
/// Lists answer in pages of two. Every request is checked against EMR's official model; problems are kept.
/// </summary>
public sealed class FakeEmr : IAsyncDisposable
{
    static readonly AwsModel Model = AwsModel.Load("emr");
    const int PageSize = 2;

    readonly List<JsonObject> clusters = [];
    readonly Dictionary<string, List<JsonObject>> steps = [];
    readonly Lock gate = new();
    FakeJsonService? service;

    public ConcurrentQueue<string> Problems { get; } = new();

    /// <summary>The requests, in order (operation and body).</summary>
    public ConcurrentQueue<(string Operation, JsonElement Body)> Requests { get; } = new();

    /// <summary>How a step ends: COMPLETED, or FAILED with a reason.</summary>
    public Func<JsonObject, (string State, string? Reason)> StepEnd { get; set; } = _ => ("COMPLETED", null);

    public Uri Url => service!.Url;

    public static async Task<FakeEmr> StartAsync()
    {
        var fake = new FakeEmr();
        fake.service = await FakeJsonService.StartAsync(fake.Answer);
        return fake;
    }

    /// <summary>A cluster started outside the pipeline (by hand, or by another silo), in <paramref name="state"/>.</summary>
    public string AddCluster(string name, string state)
    {
        lock (gate)
        {
            var id = $"j-{clusters.Count + 1:D13}";
            clusters.Add(new JsonObject { ["Id"] = id, ["Name"] = name, ["Status"] = new JsonObject { ["State"] = state } });
            steps[id] = [];
            return id;
        }
    }

    (int, string) Answer(string operation, JsonElement body)
    {
        Requests.Enqueue((operation, body.Clone()));
        if (Model.Problems(operation, body) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                Problems.Enqueue($"{operation} {problem}");
            }

            return (400, new JsonObject { ["__type"] = "ValidationException", ["Message"] = string.Join("; ", problems) }.ToJsonString());
        }

        var request = JsonNode.Parse(body.GetRawText())!.AsObject();
        lock (gate)
        {
            return operation switch
            {
                "RunJobFlow" => RunJobFlow(request),
                "ListClusters" => ListClusters(request),
                "AddJobFlowSteps" => AddJobFlowSteps(request),
                "ListSteps" => Page(steps[Text(request, "ClusterId")].AsEnumerable().Reverse().ToList(), request, "Steps"),
                "DescribeStep" => DescribeStep(request),
                "TerminateJobFlows" => Terminate(request),
                _ => (400, new JsonObject { ["__type"] = "ValidationException", ["Message"] = $"the fake does not do {operation}" }.ToJsonString()),
            };
        }
    }

    (int, string) RunJobFlow(JsonObject request)
    {
        var id = $"j-{clusters.Count + 1:D13}";
        clusters.Add(new JsonObject
        {
            ["Id"] = id, ["Name"] = Text(request, "Name"), ["Status"] = new JsonObject { ["State"] = "STARTING" },
            ["Request"] = request.DeepClone(),
        });
        steps[id] = [];
        return Ok(new JsonObject { ["JobFlowId"] = id });
    }

    (int, string) ListClusters(JsonObject request)
    {
        var states = request["ClusterStates"]?.AsArray().Select(s => s!.GetValue<string>()).ToHashSet();
        foreach (var cluster in clusters.Where(c => (string?)c["Status"]!["State"] == "STARTING"))
        {
            cluster["Status"]!["State"] = "WAITING";
        }

        var listed = clusters.Where(c => states is null || states.Contains((string)c["Status"]!["State"]!))
            .Select(c => new JsonObject { ["Id"] = c["Id"]!.DeepClone(), ["Name"] = c["Name"]!.DeepClone(), ["Status"] = c["Status"]!.DeepClone() }).ToList();
        return Page(listed, request, "Clusters");
    }

    (int, string) AddJobFlowSteps(JsonObject request)
    {
        var id = Text(request, "JobFlowId");
        if (!steps.TryGetValue(id, out var list))
        {
            return (400, new JsonObject { ["__type"] = "InternalServerError", ["Message"] = $"no cluster {id}" }.ToJsonString());
        }

        var ids = new JsonArray();
        foreach (var config in request["Steps"]!.AsArray().Select(s => s!.AsObject()))
        {
            var stepId = $"s-{steps.Values.Sum(s => s.Count) + 1:D13}";
            list.Add(new JsonObject
            {
                ["Id"] = stepId, ["Name"] = config["Name"]!.DeepClone(),
                ["Config"] = new JsonObject { ["Jar"] = config["HadoopJarStep"]!["Jar"]!.DeepClone(), ["Args"] = config["HadoopJarStep"]!["Args"]?.DeepClone() },
                ["ActionOnFailure"] = config["ActionOnFailure"]?.DeepClone(),
                ["Status"] = new JsonObject { ["State"] = "PENDING" },
            });
            ids.Add(stepId);
        }

        return Ok(new JsonObject { ["StepIds"] = ids });
    }

    (int, string) DescribeStep(JsonObject request)
    {
        var step = steps[Text(request, "ClusterId")].Single(s => (string?)s["Id"] == Text(request, "StepId"));
        var status = step["Status"]!.AsObject();
        switch ((string?)status["State"])
        {
            case "PENDING":
                status["State"] = "RUNNING";
                break;
            case "RUNNING":
                var (state, reason) = StepEnd(step);
                status["State"] = state;
                if (reason is not null)
                {
                    status["FailureDetails"] = new JsonObject { ["Reason"] = reason, ["Message"] = reason };
                }

                break;
        }

        return Ok(new JsonObject { ["Step"] = step.DeepClone() });
    }

    (int, string) Terminate(JsonObject request)
    {
        foreach (var id in request["JobFlowIds"]!.AsArray().Select(i => i!.GetValue<string>()))
        {
            clusters.Single(c => (string?)c["Id"] == id)["Status"]!["State"] = "TERMINATED";
        }

        return Ok(new JsonObject());
    }

    /// <summary>The RunJobFlow requests the fake took.</summary>
    public List<JsonObject> StartedClusters()
    {
        lock (gate)
        {
            return [.. clusters.Where(c => c["Request"] is not null).Select(c => c["Request"]!.DeepClone().AsObject())];
        }
    }

    static (int, string) Page(List<JsonObject> all, JsonObject request, string member)
    {
        var start = request["Marker"] is { } marker ? int.Parse(marker.GetValue<string>(), CultureInfo.InvariantCulture) : 0;
        var page = new JsonObject { [member] = new JsonArray([.. all.Skip(start).Take(PageSize).Select(s => s.DeepClone())]) };
        if (start + PageSize < all.Count)
        {
            page["Marker"] = (start + PageSize).ToString(CultureInfo.InvariantCulture);
        }

        return Ok(page);
    }

    static string Text(JsonObject node, string member) => node[member]!.GetValue<string>();

    static (int, string) Ok(JsonObject body) => (200, body.ToJsonString());

    public async ValueTask DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync();
        }
    }
}
