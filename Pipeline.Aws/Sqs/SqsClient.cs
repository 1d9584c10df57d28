using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Aws.Configuration;

namespace Pipeline.Aws.Sqs;

/// <summary>
/// A client of SQS's JSON protocol (model: jsonVersion 1.0, targetPrefix AmazonSQS): every call is a signed
/// <c>POST /</c> to the endpoint (<c>AWS_ENDPOINT_URL_SQS</c>, <c>AWS_ENDPOINT_URL</c> or
/// <c>https://sqs.&lt;region&gt;.&lt;partition suffix&gt;</c>) with <c>X-Amz-Target: AmazonSQS.&lt;Operation&gt;</c>.
/// </summary>
public sealed partial class SqsClient(HttpClient http, AwsSettings settings, SqsRequestSigner signer)
{
    /// <summary>The media type of the protocol (the model's jsonVersion).</summary>
    public const string MediaType = "application/x-amz-json-1.0";

    /// <summary>The X-Amz-Target prefix (the model's targetPrefix).</summary>
    public const string TargetPrefix = "AmazonSQS";

    /// <summary>Where requests go.</summary>
    public Uri Endpoint { get; } = new(settings.EndpointFor("SQS") is { } endpoint
        ? endpoint.TrimEnd('/') + "/"
        : $"https://sqs.{settings.Region.SystemName}.{settings.Region.PartitionDnsSuffix ?? "amazonaws.com"}/");

    /// <summary>GetQueueUrl: the URL of a queue by name.</summary>
    public async Task<string> GetQueueUrlAsync(string queueName, CancellationToken cancellationToken = default) =>
        (await CallAsync("GetQueueUrl", new JsonObject { ["QueueName"] = queueName }, cancellationToken)).GetProperty("QueueUrl").GetString()!;

    /// <summary>CreateQueue (returns the existing queue when the attributes match): its URL.</summary>
    public async Task<string> CreateQueueAsync(
        string queueName, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["QueueName"] = queueName };
        if (attributes is { Count: > 0 })
        {
            request["Attributes"] = Map(attributes);
        }

        return (await CallAsync("CreateQueue", request, cancellationToken)).GetProperty("QueueUrl").GetString()!;
    }

    /// <summary>SetQueueAttributes (for example a RedrivePolicy).</summary>
    public Task SetQueueAttributesAsync(string queueUrl, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken = default) =>
        CallAsync("SetQueueAttributes", new JsonObject { ["QueueUrl"] = queueUrl, ["Attributes"] = Map(attributes) }, cancellationToken);

    /// <summary>GetQueueAttributes: the named attributes that are set.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetQueueAttributesAsync(
        string queueUrl, IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("GetQueueAttributes",
            new JsonObject { ["QueueUrl"] = queueUrl, ["AttributeNames"] = new JsonArray([.. names.Select(n => JsonValue.Create(n))]) }, cancellationToken);
        return response.TryGetProperty("Attributes", out var map)
            ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>();
    }

    /// <summary>SendMessage: the new message's id.</summary>
    public async Task<string> SendMessageAsync(string queueUrl, string body, CancellationToken cancellationToken = default) =>
        (await CallAsync("SendMessage", new JsonObject { ["QueueUrl"] = queueUrl, ["MessageBody"] = body }, cancellationToken))
            .GetProperty("MessageId").GetString()!;

    static JsonObject Map(IReadOnlyDictionary<string, string> values) =>
        new(values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));

    async Task<JsonElement> CallAsync(string operation, JsonObject request, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(request.ToJsonString());
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", $"{TargetPrefix}.{operation}");
        await signer.SignAsync(message, body, cancellationToken);
        using var response = await http.SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Error(response, text);
        }

        return string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    static SqsException Error(HttpResponseMessage response, string text)
    {
        string code = "Unknown", detail = text;
        try
        {
            var error = JsonDocument.Parse(text).RootElement;
            code = error.TryGetProperty("__type", out var type) ? type.GetString()!.Split('#')[^1] : code;
            detail = error.TryGetProperty("message", out var m) || error.TryGetProperty("Message", out m) ? m.GetString() ?? text : text;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): keep the text.
        }

        return new SqsException(response.StatusCode, code, detail);
    }
}
