using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.Logging;
using Pipeline.Aws.Configuration;

namespace Pipeline.Aws.Json;

/// <summary>
/// Sends one operation of an AWS JSON 1.1 service: a signed POST of the request shape as JSON with
/// <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c>. Honours <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, the
/// region and the SDK's credential chain; throttling and server faults are retried with capped exponential
/// backoff and full jitter.
/// </summary>
public sealed partial class AwsJsonClient(HttpClient http, AwsSettings settings, AwsJsonService service, TimeProvider time, ILogger logger)
{
    const int MaxAttempts = 5;
    static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>The members as the models spell them (PascalCase), nulls left out.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
        Converters = { new EpochSecondsConverter() },
    };

    /// <summary>Where the requests go: the override, else AWS's regional endpoint.</summary>
    public Uri Endpoint { get; } = new(settings.EndpointFor(service.ServiceId) ?? $"https://{service.EndpointPrefix}.{settings.Region.SystemName}.amazonaws.com");

    /// <summary>Sends <paramref name="operation"/> with <paramref name="request"/> and reads the answer as <typeparamref name="TResponse"/>.</summary>
    public async Task<TResponse> SendAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, Json);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var message = await SignedAsync(operation, body, cancellationToken);
                using var response = await http.SendAsync(message, cancellationToken);
                var text = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw Error(operation, response, text);
                }

                return JsonSerializer.Deserialize<TResponse>(text.Length == 0 ? "{}"u8 : text, Json)
                    ?? throw new AwsServiceException(service.Name, operation, "EmptyResponse", "the response has no body", response.StatusCode);
            }
            catch (Exception e) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested
                && e is AwsServiceException { Retryable: true } or HttpRequestException)
            {
                var delay = Backoff(attempt);
                LogRetry(logger, service.Name, operation, attempt, delay.TotalMilliseconds, e.Message);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    async Task<HttpRequestMessage> SignedAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        var credentials = await (settings.Credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials()).GetCredentialsAsync();
        var now = time.GetUtcNow().UtcDateTime;
        var target = $"{service.TargetPrefix}.{operation}";
        var host = Endpoint.IsDefaultPort ? Endpoint.Host : $"{Endpoint.Host}:{Endpoint.Port}";
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", "application/x-amz-json-1.1"),
            new("Host", host),
            new("X-Amz-Date", SigV4.AmzDate(now)),
            new("X-Amz-Target", target),
        };
        if (credentials.UseToken)
        {
            headers.Add(new("X-Amz-Security-Token", credentials.Token));
        }

        var path = Endpoint.AbsolutePath;
        var authorization = SigV4.Authorization(credentials, settings.Region.SystemName, service.SigningName, now, "POST", path, "", headers, body);
        var message = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
        foreach (var (name, value) in headers.Where(h => h.Key is not ("Content-Type" or "Host")))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        return message;
    }

    // The JSON protocol's error: "__type" (maybe "namespace#Code") and "message" or "Message".
    AwsServiceException Error(string operation, HttpResponseMessage response, byte[] body)
    {
        string? code = null, text = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            code = root.TryGetProperty("__type", out var type) ? type.GetString() : null;
            text = root.TryGetProperty("message", out var m) || root.TryGetProperty("Message", out m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            text = Encoding.UTF8.GetString(body);
        }

        code ??= response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.First() : $"Http{(int)response.StatusCode}";
        code = code[(code.LastIndexOf('#') + 1)..];
        code = code.Split(':')[0];
        return new AwsServiceException(service.Name, operation, code, text ?? "", response.StatusCode);
    }

    static TimeSpan Backoff(int attempt)
    {
        var cap = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} {Operation} attempt {Attempt} failed; retrying in {DelayMs:0} ms: {Error}")]
    static partial void LogRetry(ILogger logger, string service, string operation, int attempt, double delayMs, string error);
}

/// <summary>The JSON protocol's timestamps: seconds since 1970, fractions allowed.</summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDouble() * 1000))
            : DateTimeOffset.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000.0);
}
