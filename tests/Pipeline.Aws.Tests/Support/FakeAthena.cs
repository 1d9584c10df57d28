using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Aws.Tests.Support;

/// <summary>
/// A fake Athena (ours, not AWS) on a real HTTP server: a query is QUEUED, then RUNNING, then SUCCEEDED or FAILED,
/// one state per GetQueryExecution; a repeated client request token gives the same query; results come in pages
/// with the column names as the first row, as Athena pages them. What a query answers is the test's
/// <see cref="Answer"/>. Every request is checked against Athena's model; problems are kept.
/// </summary>
public sealed class FakeAthena : IAsyncDisposable
{
    static readonly AwsModel Model = AwsModel.Load("athena");

    readonly Dictionary<string, JsonObject> queries = [];
    readonly Dictionary<string, string> tokens = [];
    readonly Lock gate = new();
    FakeJsonService? service;

    public ConcurrentQueue<string> Problems { get; } = new();

    public ConcurrentQueue<(string Operation, JsonElement Body)> Requests { get; } = new();

    /// <summary>The columns (name, Athena type) and rows of a query's SQL, or the error it fails with.</summary>
    public Func<string, (List<(string Name, string Type)> Columns, List<string?[]> Rows, string? Error)> Answer { get; set; } = _ => ([], [], null);

    public Uri Url => service!.Url;

    public static async Task<FakeAthena> StartAsync()
    {
        var fake = new FakeAthena();
        fake.service = await FakeJsonService.StartAsync(fake.Handle);
        return fake;
    }

    (int, string) Handle(string operation, JsonElement body)
    {
        Requests.Enqueue((operation, body.Clone()));
        if (Model.Problems(operation, body) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                Problems.Enqueue($"{operation} {problem}");
            }

            return Error("InvalidRequestException", string.Join("; ", problems));
        }

        var request = JsonNode.Parse(body.GetRawText())!.AsObject();
        lock (gate)
        {
            return operation switch
            {
                "StartQueryExecution" => Start(request),
                "GetQueryExecution" => Describe(Text(request, "QueryExecutionId")),
                "GetQueryResults" => Results(request),
                "StopQueryExecution" => Stop(Text(request, "QueryExecutionId")),
                _ => Error("InvalidRequestException", $"the fake does not do {operation}"),
            };
        }
    }

    (int, string) Start(JsonObject request)
    {
        var token = request["ClientRequestToken"]?.GetValue<string>();
        if (token is not null && tokens.TryGetValue(token, out var known))
        {
            return Ok(new JsonObject { ["QueryExecutionId"] = known });
        }

        var id = Guid.NewGuid().ToString();
        queries[id] = new JsonObject
        {
            ["QueryExecutionId"] = id, ["Query"] = request["QueryString"]!.DeepClone(), ["StatementType"] = "DML",
            ["ResultConfiguration"] = new JsonObject { ["OutputLocation"] = $"{request["ResultConfiguration"]?["OutputLocation"]}{id}.csv" },
            ["QueryExecutionContext"] = request["QueryExecutionContext"]?.DeepClone(), ["WorkGroup"] = request["WorkGroup"]?.DeepClone(),
            ["Status"] = new JsonObject { ["State"] = "QUEUED" },
        };
        if (token is not null)
        {
            tokens[token] = id;
        }

        return Ok(new JsonObject { ["QueryExecutionId"] = id });
    }

    (int, string) Describe(string id)
    {
        if (!queries.TryGetValue(id, out var query))
        {
            return Error("InvalidRequestException", $"QueryExecution {id} was not found");
        }

        var status = query["Status"]!.AsObject();
        switch ((string?)status["State"])
        {
            case "QUEUED":
                status["State"] = "RUNNING";
                break;
            case "RUNNING":
                var error = Answer(Text(query, "Query")).Error;
                status["State"] = error is null ? "SUCCEEDED" : "FAILED";
                if (error is not null)
                {
                    status["AthenaError"] = new JsonObject { ["ErrorCategory"] = 2, ["ErrorMessage"] = error };
                }

                query["Statistics"] = new JsonObject { ["DataScannedInBytes"] = 12_345, ["EngineExecutionTimeInMillis"] = 250 };
                break;
        }

        return Ok(new JsonObject { ["QueryExecution"] = query.DeepClone() });
    }

    (int, string) Results(JsonObject request)
    {
        var query = queries[Text(request, "QueryExecutionId")];
        if ((string?)query["Status"]!["State"] != "SUCCEEDED")
        {
            return Error("InvalidRequestException", "Query has not yet finished.");
        }

        var (columns, rows, _) = Answer(Text(query, "Query"));
        var all = new List<string?[]> { columns.Select(c => (string?)c.Name).ToArray() };
        all.AddRange(rows);
        var start = request["NextToken"] is { } token ? int.Parse(token.GetValue<string>(), CultureInfo.InvariantCulture) : 0;
        var size = request["MaxResults"]?.GetValue<int>() ?? 1000;
        var page = all.Skip(start).Take(size).Select(r => new JsonObject
        {
            ["Data"] = new JsonArray([.. r.Select(v => v is null ? new JsonObject() : new JsonObject { ["VarCharValue"] = v })]),
        });
        var answer = new JsonObject
        {
            ["ResultSet"] = new JsonObject
            {
                ["Rows"] = new JsonArray([.. page]),
                ["ResultSetMetadata"] = new JsonObject
                {
                    ["ColumnInfo"] = new JsonArray([.. columns.Select(c => Column(c.Name, c.Type))]),
                },
            },
        };
        if (start + size < all.Count)
        {
            answer["NextToken"] = (start + size).ToString(CultureInfo.InvariantCulture);
        }

        return Ok(answer);
    }

    static JsonObject Column(string name, string type)
    {
        var column = new JsonObject { ["Name"] = name, ["Type"] = type.Split('(')[0] };
        if (type.StartsWith("decimal(", StringComparison.Ordinal))
        {
            var args = type[8..^1].Split(',');
            column["Precision"] = int.Parse(args[0], CultureInfo.InvariantCulture);
            column["Scale"] = int.Parse(args[1], CultureInfo.InvariantCulture);
        }

        return column;
    }

    (int, string) Stop(string id)
    {
        queries[id]["Status"]!["State"] = "CANCELLED";
        return Ok(new JsonObject());
    }

    static string Text(JsonObject node, string member) => node[member]!.GetValue<string>();

    static (int, string) Ok(JsonObject body) => (200, body.ToJsonString());

    static (int, string) Error(string code, string message) => (400, new JsonObject { ["__type"] = code, ["Message"] = message }.ToJsonString());

    public async ValueTask DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync();
        }
    }
}
