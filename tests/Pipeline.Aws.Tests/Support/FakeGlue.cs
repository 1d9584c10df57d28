using System.Collections.Concurrent;
using Amazon;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Aws.Glue;
using Pipeline.Aws.Json;

namespace Pipeline.Aws.Tests.Support;

/// <summary>
/// A fake Glue Data Catalog (ours, not AWS) on a real HTTP server: databases, tables with version ids (an update
/// naming a stale <c>VersionId</c> is refused as Glue refuses it), and partitions, kept in memory; list calls answer
/// in pages of two so paging is exercised. Every request is checked against Glue's official model and any problem is
/// kept in <see cref="Problems"/> (and refused).
/// </summary>
public sealed class FakeGlue : IAsyncDisposable
{
    static readonly AwsModel Model = AwsModel.Load("glue");
    const int PageSize = 2;

    readonly Dictionary<string, JsonObject> databases = [];
    readonly Dictionary<(string Database, string Table), JsonObject> tables = [];
    readonly Dictionary<(string Database, string Table), SortedDictionary<string, JsonObject>> partitions = [];
    readonly Lock gate = new();
    FakeJsonService? service;

    /// <summary>Requests that broke the model: none in a passing test.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    /// <summary>Operations answered, in order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>When it returns true for an operation and its request, the fake refuses it (as if access were denied): a commit cut short.</summary>
    public Func<string, JsonElement, bool> Refuse { get; set; } = (_, _) => false;

    public Uri Url => service!.Url;

    public static async Task<FakeGlue> StartAsync()
    {
        var fake = new FakeGlue();
        fake.service = await FakeJsonService.StartAsync(fake.Answer);
        return fake;
    }

    /// <summary>The table as Glue holds it, or null.</summary>
    public JsonObject? Table(string database, string name)
    {
        lock (gate)
        {
            return tables.GetValueOrDefault((database, name))?.DeepClone().AsObject();
        }
    }

    /// <summary>The table's partitions as Glue holds them.</summary>
    public List<JsonObject> Partitions(string database, string name)
    {
        lock (gate)
        {
            return [.. partitions.GetValueOrDefault((database, name))?.Values.Select(p => p.DeepClone().AsObject()) ?? []];
        }
    }

    /// <summary>Our Glue catalog over this fake, database <paramref name="database"/>, with the lake at <paramref name="lakeRoot"/>.</summary>
    public GlueCatalog Catalog(string database, string lakeRoot) =>
        new(new GlueClient(FakeClients.For(Url, AwsJsonService.Glue, RegionEndpoint.EUWest1, new ImmediateDelays())),
            new GlueCatalogOptions { Database = database }, folder => lakeRoot + folder, TimeProvider.System);

    /// <summary>The files the catalog keeps in a partition's parameters, as Glue holds them.</summary>
    public static List<GlueFileEntry> Files(JsonObject partition) =>
        GlueTableState.ReadFiles(partition["Parameters"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()));

    (int, string) Answer(string operation, JsonElement body)
    {
        Calls.Enqueue(operation);
        if (Model.Problems(operation, body) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                Problems.Enqueue($"{operation} {problem}");
            }

            return Error("InvalidInputException", string.Join("; ", problems));
        }

        if (Refuse(operation, body))
        {
            return Error("AccessDeniedException", $"{operation} refused by the test");
        }

        var request = JsonNode.Parse(body.GetRawText())!.AsObject();
        lock (gate)
        {
            return operation switch
            {
                "CreateDatabase" => CreateDatabase(request),
                "GetDatabase" => databases.TryGetValue(Text(request, "Name"), out var db) ? Ok(new JsonObject { ["Database"] = db.DeepClone() }) : NotFound("Database"),
                "CreateTable" => CreateTable(request),
                "GetTable" => tables.TryGetValue((Text(request, "DatabaseName"), Text(request, "Name")), out var t) ? Ok(new JsonObject { ["Table"] = t.DeepClone() }) : NotFound("Table"),
                "GetTables" => GetTables(request),
                "UpdateTable" => UpdateTable(request),
                "BatchCreatePartition" => BatchCreatePartition(request),
                "BatchUpdatePartition" => BatchUpdatePartition(request),
                "GetPartitions" => GetPartitions(request),
                "BatchDeletePartition" => BatchDeletePartition(request),
                _ => Error("InvalidInputException", $"the fake does not do {operation}"),
            };
        }
    }

    (int, string) CreateDatabase(JsonObject request)
    {
        var input = request["DatabaseInput"]!.AsObject();
        var name = Text(input, "Name");
        if (databases.ContainsKey(name))
        {
            return Error("AlreadyExistsException", $"Database {name} already exists.");
        }

        var database = input.DeepClone().AsObject();
        database["CreateTime"] = Now();
        databases[name] = database;
        return Ok(new JsonObject());
    }

    (int, string) CreateTable(JsonObject request)
    {
        var database = Text(request, "DatabaseName");
        var input = request["TableInput"]!.AsObject();
        var key = (database, Text(input, "Name"));
        if (!databases.ContainsKey(database))
        {
            return NotFound("Database");
        }

        if (tables.ContainsKey(key))
        {
            return Error("AlreadyExistsException", $"Table {key.Item2} already exists.");
        }

        var table = input.DeepClone().AsObject();
        table["DatabaseName"] = database;
        table["CreateTime"] = Now();
        table["VersionId"] = "1";
        tables[key] = table;
        partitions[key] = new(StringComparer.Ordinal);
        return Ok(new JsonObject());
    }

    (int, string) GetTables(JsonObject request)
    {
        var database = Text(request, "DatabaseName");
        if (!databases.ContainsKey(database))
        {
            return NotFound("Database");
        }

        var all = tables.Where(t => t.Key.Database == database).OrderBy(t => t.Key.Table, StringComparer.Ordinal).Select(t => t.Value).ToList();
        return Page(all, request, "TableList");
    }

    (int, string) UpdateTable(JsonObject request)
    {
        var input = request["TableInput"]!.AsObject();
        var key = (Text(request, "DatabaseName"), Text(input, "Name"));
        if (!tables.TryGetValue(key, out var current))
        {
            return NotFound("Table");
        }

        var version = int.Parse(Text(current, "VersionId"), CultureInfo.InvariantCulture);
        if (request["VersionId"] is { } expected && expected.GetValue<string>() != version.ToString(CultureInfo.InvariantCulture))
        {
            return Error("ConcurrentModificationException", $"Table {key.Item2} is at version {version}, not {expected}.");
        }

        var table = input.DeepClone().AsObject();
        table["DatabaseName"] = key.Item1;
        table["CreateTime"] = current["CreateTime"]!.DeepClone();
        table["UpdateTime"] = Now();
        table["VersionId"] = (version + 1).ToString(CultureInfo.InvariantCulture);
        tables[key] = table;
        return Ok(new JsonObject());
    }

    (int, string) BatchCreatePartition(JsonObject request)
    {
        if (TablePartitions(request) is not { } existing)
        {
            return NotFound("Table");
        }

        var errors = new JsonArray();
        foreach (var input in request["PartitionInputList"]!.AsArray().Select(p => p!.AsObject()))
        {
            var id = Id(input["Values"]!);
            if (existing.ContainsKey(id))
            {
                errors.Add(new JsonObject { ["PartitionValues"] = input["Values"]!.DeepClone(), ["ErrorDetail"] = Detail("AlreadyExistsException") });
                continue;
            }

            var partition = input.DeepClone().AsObject();
            partition["DatabaseName"] = Text(request, "DatabaseName");
            partition["TableName"] = Text(request, "TableName");
            partition["CreationTime"] = Now();
            existing[id] = partition;
        }

        return Ok(new JsonObject { ["Errors"] = errors });
    }

    (int, string) BatchUpdatePartition(JsonObject request)
    {
        if (TablePartitions(request) is not { } existing)
        {
            return NotFound("Table");
        }

        var errors = new JsonArray();
        foreach (var entry in request["Entries"]!.AsArray().Select(e => e!.AsObject()))
        {
            var id = Id(entry["PartitionValueList"]!);
            if (!existing.TryGetValue(id, out var current))
            {
                errors.Add(new JsonObject { ["PartitionValueList"] = entry["PartitionValueList"]!.DeepClone(), ["ErrorDetail"] = Detail("EntityNotFoundException") });
                continue;
            }

            var partition = entry["PartitionInput"]!.DeepClone().AsObject();
            partition["DatabaseName"] = current["DatabaseName"]!.DeepClone();
            partition["TableName"] = current["TableName"]!.DeepClone();
            partition["CreationTime"] = current["CreationTime"]!.DeepClone();
            existing[id] = partition;
        }

        return Ok(new JsonObject { ["Errors"] = errors });
    }

    (int, string) GetPartitions(JsonObject request) =>
        TablePartitions(request) is { } existing ? Page([.. existing.Values], request, "Partitions") : NotFound("Table");

    (int, string) BatchDeletePartition(JsonObject request)
    {
        if (TablePartitions(request) is not { } existing)
        {
            return NotFound("Table");
        }

        var errors = new JsonArray();
        foreach (var values in request["PartitionsToDelete"]!.AsArray().Select(v => v!["Values"]!))
        {
            if (!existing.Remove(Id(values)))
            {
                errors.Add(new JsonObject { ["PartitionValues"] = values.DeepClone(), ["ErrorDetail"] = Detail("EntityNotFoundException") });
            }
        }

        return Ok(new JsonObject { ["Errors"] = errors });
    }

    SortedDictionary<string, JsonObject>? TablePartitions(JsonObject request) =>
        partitions.GetValueOrDefault((Text(request, "DatabaseName"), Text(request, "TableName")));

    static (int, string) Page(List<JsonObject> all, JsonObject request, string member)
    {
        var start = request["NextToken"] is { } token ? int.Parse(token.GetValue<string>(), CultureInfo.InvariantCulture) : 0;
        var page = new JsonObject { [member] = new JsonArray([.. all.Skip(start).Take(PageSize).Select(t => t.DeepClone())]) };
        if (start + PageSize < all.Count)
        {
            page["NextToken"] = (start + PageSize).ToString(CultureInfo.InvariantCulture);
        }

        return Ok(page);
    }

    static string Id(JsonNode values) => string.Join('\u0001', values.AsArray().Select(v => v!.GetValue<string>()));

    static string Text(JsonObject node, string member) => node[member]!.GetValue<string>();

    static JsonObject Detail(string code) => new() { ["ErrorCode"] = code, ["ErrorMessage"] = code };

    // Glue's timestamps are epoch seconds with a fraction.
    static JsonValue Now() => JsonValue.Create(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);

    static (int, string) Ok(JsonObject body) => (200, body.ToJsonString());

    static (int, string) NotFound(string what) => Error("EntityNotFoundException", $"{what} not found.");

    static (int, string) Error(string code, string message) => (400, new JsonObject { ["__type"] = code, ["Message"] = message }.ToJsonString());

    public async ValueTask DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync();
        }
    }
}
