using System.Text.Json;

namespace Pipeline.Aws.Tests.Support;

/// <summary>
/// The official SQS API model (<c>aws-models/sqs/service-2.json</c>) as a checker of requests: the protocol
/// headers, the operation, and the body against the operation's input shape (required members present, no
/// unknown member, every value of the member's type, enum values from the enum).
/// </summary>
public sealed class SqsModel
{
    readonly JsonElement model;

    SqsModel(JsonElement model) => this.model = model;

    /// <summary>The model, loaded once.</summary>
    public static SqsModel Instance { get; } =
        new(JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.AwsModels, "sqs", "service-2.json"))).RootElement);

    /// <summary>The Content-Type the model asks for.</summary>
    public string ContentType => "application/x-amz-json-" + model.GetProperty("metadata").GetProperty("jsonVersion").GetString();

    /// <summary>The X-Amz-Target prefix the model asks for.</summary>
    public string TargetPrefix => model.GetProperty("metadata").GetProperty("targetPrefix").GetString()!;

    /// <summary>Every problem of one request; empty when it conforms.</summary>
    public IReadOnlyList<string> Check(string? contentType, string? target, string body)
    {
        var errors = new List<string>();
        if (contentType != ContentType)
        {
            errors.Add($"Content-Type is '{contentType}', the model says '{ContentType}'");
        }

        var operation = target is not null && target.StartsWith(TargetPrefix + ".", StringComparison.Ordinal) ? target[(TargetPrefix.Length + 1)..] : null;
        if (operation is null || !model.GetProperty("operations").TryGetProperty(operation, out var op))
        {
            errors.Add($"X-Amz-Target '{target}' is no operation of the model");
            return errors;
        }

        var input = op.GetProperty("input").GetProperty("shape").GetString()!;
        CheckValue(JsonDocument.Parse(body).RootElement, input, operation, errors);
        return errors;
    }

    void CheckValue(JsonElement value, string shapeName, string path, List<string> errors)
    {
        var shape = model.GetProperty("shapes").GetProperty(shapeName);
        var type = shape.GetProperty("type").GetString();
        switch (type)
        {
            case "structure" when value.ValueKind == JsonValueKind.Object:
                var members = shape.GetProperty("members");
                foreach (var required in shape.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!) : [])
                {
                    if (!value.TryGetProperty(required, out _))
                    {
                        errors.Add($"{path}: required member {required} is missing");
                    }
                }

                foreach (var member in value.EnumerateObject())
                {
                    if (members.TryGetProperty(member.Name, out var m))
                    {
                        CheckValue(member.Value, m.GetProperty("shape").GetString()!, $"{path}.{member.Name}", errors);
                    }
                    else
                    {
                        errors.Add($"{path}: {member.Name} is no member of {shapeName}");
                    }
                }

                break;
            case "list" when value.ValueKind == JsonValueKind.Array:
                var item = shape.GetProperty("member").GetProperty("shape").GetString()!;
                var i = 0;
                foreach (var element in value.EnumerateArray())
                {
                    CheckValue(element, item, $"{path}[{i++}]", errors);
                }

                break;
            case "map" when value.ValueKind == JsonValueKind.Object:
                var keyShape = shape.GetProperty("key").GetProperty("shape").GetString()!;
                var valueShape = shape.GetProperty("value").GetProperty("shape").GetString()!;
                foreach (var entry in value.EnumerateObject())
                {
                    CheckValue(JsonDocument.Parse(JsonSerializer.Serialize(entry.Name)).RootElement, keyShape, $"{path} key", errors);
                    CheckValue(entry.Value, valueShape, $"{path}.{entry.Name}", errors);
                }

                break;
            case "string" when value.ValueKind == JsonValueKind.String:
                if (shape.TryGetProperty("enum", out var values) && values.EnumerateArray().All(v => v.GetString() != value.GetString()))
                {
                    errors.Add($"{path}: '{value.GetString()}' is not one of the values of {shapeName}");
                }

                break;
            case "integer" or "long" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _):
            case "boolean" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
            case "blob" when value.ValueKind == JsonValueKind.String:
                break;
            default:
                errors.Add($"{path}: a {value.ValueKind} where the model has {shapeName} ({type})");
                break;
        }
    }
}
