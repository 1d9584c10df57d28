using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.Aws.Tests.Support;

/// <summary>
/// An official AWS API model (trimmed, Models/*.json): checks a request body against an operation's input shape
/// (required members, unknown members, types, enums, lengths, ranges, patterns) and builds model-shaped responses
/// and errors for a fake service to answer with.
/// </summary>
public sealed class AwsModel
{
    readonly JsonObject model;

    AwsModel(JsonObject model) => this.model = model;

    public static AwsModel Load(string service) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", service + ".json")))!.AsObject());

    JsonObject Shapes => model["shapes"]!.AsObject();

    JsonObject Operation(string name) => model["operations"]![name]?.AsObject() ?? throw new ArgumentException($"The model has no operation {name}.");

    /// <summary>The error shapes the model lists for an operation.</summary>
    public IReadOnlyList<string> Errors(string operation) =>
        Operation(operation)["errors"]?.AsArray().Select(e => e!["shape"]!.GetValue<string>()).ToList() ?? [];

    /// <summary>(operation, error) for every error the model lists for <paramref name="operations"/>: a theory's cases.</summary>
    public TheoryData<string, string> ErrorCases(IEnumerable<string> operations)
    {
        var cases = new TheoryData<string, string>();
        foreach (var operation in operations)
        {
            foreach (var error in Errors(operation))
            {
                cases.Add(operation, error);
            }
        }

        return cases;
    }

    /// <summary>
    /// A model-shaped answer that is the last page: the sample fills the paging member (<paramref name="token"/>), which
    /// a client would follow forever.
    /// </summary>
    public string LastPage(string operation, string token)
    {
        var output = SampleOutput(operation).AsObject();
        output.Remove(token);
        return output.ToJsonString();
    }

    /// <summary>Every way <paramref name="body"/> breaks the operation's input shape; empty when it is valid.</summary>
    public List<string> Problems(string operation, JsonElement body)
    {
        var problems = new List<string>();
        Check(body, Operation(operation)["input"]!["shape"]!.GetValue<string>(), "$", problems);
        return problems;
    }

    /// <summary>A response for the operation with every member of its output filled with a sample of its type.</summary>
    public JsonNode SampleOutput(string operation) =>
        Operation(operation)["output"] is { } output ? Sample(output["shape"]!.GetValue<string>(), 0) ?? new JsonObject() : new JsonObject();

    void Check(JsonElement value, string shapeName, string path, List<string> problems)
    {
        var shape = Shapes[shapeName]!.AsObject();
        var type = shape["type"]!.GetValue<string>();
        switch (type)
        {
            case "structure" when value.ValueKind == JsonValueKind.Object:
                var members = shape["members"]!.AsObject();
                foreach (var required in shape["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
                {
                    if (!value.TryGetProperty(required, out var present) || present.ValueKind == JsonValueKind.Null)
                    {
                        problems.Add($"{path}.{required}: required");
                    }
                }

                foreach (var property in value.EnumerateObject())
                {
                    if (members[property.Name] is not { } member)
                    {
                        problems.Add($"{path}.{property.Name}: not a member of {shapeName}");
                    }
                    else if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        Check(property.Value, member["shape"]!.GetValue<string>(), $"{path}.{property.Name}", problems);
                    }
                }

                break;
            case "list" when value.ValueKind == JsonValueKind.Array:
                Bounds(value.GetArrayLength(), shape, path, "items", problems);
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, shape["member"]!["shape"]!.GetValue<string>(), $"{path}[{i++}]", problems);
                }

                break;
            case "map" when value.ValueKind == JsonValueKind.Object:
                foreach (var entry in value.EnumerateObject())
                {
                    Check(JsonDocument.Parse(JsonSerializer.Serialize(entry.Name)).RootElement, shape["key"]!["shape"]!.GetValue<string>(), $"{path}<key>", problems);
                    Check(entry.Value, shape["value"]!["shape"]!.GetValue<string>(), $"{path}.{entry.Name}", problems);
                }

                break;
            case "string" when value.ValueKind == JsonValueKind.String:
                var text = value.GetString()!;
                Bounds(text.Length, shape, path, "characters", problems);
                if (shape["enum"] is JsonArray values && !values.Any(v => v!.GetValue<string>() == text))
                {
                    problems.Add($"{path}: '{text}' is not one of {string.Join(", ", values)}");
                }

                if (shape["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(text, $"^(?:{NetPattern(pattern)})$"))
                {
                    problems.Add($"{path}: '{text}' does not match {pattern}");
                }

                break;
            case "integer" or "long" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number):
                if (shape["min"] is { } min && number < min.GetValue<long>() || shape["max"] is { } max && number > max.GetValue<long>())
                {
                    problems.Add($"{path}: {number} is outside {shape["min"]}..{shape["max"]}");
                }

                break;
            case "double" or "float" or "timestamp" when value.ValueKind == JsonValueKind.Number:
            case "boolean" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
            case "blob" when value.ValueKind == JsonValueKind.String:
                break;
            default:
                problems.Add($"{path}: a {value.ValueKind} where {shapeName} is a {type}");
                break;
        }
    }

    static void Bounds(int length, JsonObject shape, string path, string unit, List<string> problems)
    {
        if (shape["min"] is { } min && length < min.GetValue<long>() || shape["max"] is { } max && length > max.GetValue<long>())
        {
            problems.Add($"{path}: {length} {unit}, outside {shape["min"]}..{shape["max"]}");
        }
    }

    // Java's patterns name the surrogate pairs of characters beyond the BMP as a range .NET reads backwards.
    static string NetPattern(string pattern) => pattern.Replace(@"\uD800\uDC00-\uDBFF\uDFFF", @"\uD800-\uDBFF\uDC00-\uDFFF", StringComparison.Ordinal);

    JsonNode? Sample(string shapeName, int depth)
    {
        var shape = Shapes[shapeName]!.AsObject();
        switch (shape["type"]!.GetValue<string>())
        {
            case "structure":
                var result = new JsonObject();
                if (depth > 6)
                {
                    return result;
                }

                foreach (var (name, member) in shape["members"]!.AsObject())
                {
                    if (Sample(member!["shape"]!.GetValue<string>(), depth + 1) is { } sample)
                    {
                        result[name] = sample;
                    }
                }

                return result;
            case "list":
                return depth > 6 ? new JsonArray() : new JsonArray(Sample(shape["member"]!["shape"]!.GetValue<string>(), depth + 1));
            case "map":
                return depth > 6 ? new JsonObject() : new JsonObject { ["key"] = Sample(shape["value"]!["shape"]!.GetValue<string>(), depth + 1) };
            case "string":
                return shape["enum"] is JsonArray values ? values[0]!.GetValue<string>() : $"sample-{shapeName}".ToLower(CultureInfo.InvariantCulture);
            case "integer" or "long":
                return shape["min"]?.GetValue<long>() ?? 1;
            case "double" or "float":
                return 1.5;
            case "boolean":
                return true;
            case "timestamp":
                return 1_700_000_000.25;
            default:
                return null;
        }
    }
}
