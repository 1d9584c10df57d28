using Amazon.Runtime.Signing;
using Pipeline.Aws.Configuration;

namespace Pipeline.Aws.Sqs;

/// <summary>
/// Signs a request with AWSSDK.Core's public SigV4 signer: the request's headers (Host from its URI) and the
/// exact body bytes go in; Authorization, X-Amz-Date, X-Amz-Content-SHA256 (and the session token) come
/// out. The body must be sent unchanged, so it is a ByteArrayContent whose media type is set exactly as
/// signed (a StringContent would append a charset after signing).
/// </summary>
public sealed class SqsRequestSigner(AwsSettings settings, TimeProvider time)
{
    /// <summary>The signing name of SQS.</summary>
    public const string Service = "sqs";

    // Headers a proxy or the HTTP stack may add, change or drop: never signed.
    static readonly HashSet<string> Unsigned = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "User-Agent", "Expect", "Connection", "Transfer-Encoding", "Content-Length", "X-Amzn-Trace-Id",
    };

    /// <summary>Adds the signature headers to <paramref name="request"/>, whose body is <paramref name="body"/>.</summary>
    public Task SignAsync(HttpRequestMessage request, byte[] body, CancellationToken cancellationToken = default) =>
        SignAsync(request, body, Service, cancellationToken);

    /// <summary>Signs for another service name (the SigV4 test suite uses <c>service</c>).</summary>
    public async Task SignAsync(HttpRequestMessage request, byte[] body, string service, CancellationToken cancellationToken = default)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var signing = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = uri, Content = body };
        signing.Headers["Host"] = uri.IsDefaultPort ? uri.Host : uri.Authority;
        var headers = request.Content is null
            ? request.Headers.NonValidated
            : request.Headers.NonValidated.Concat(request.Content.Headers.NonValidated);
        foreach (var (name, values) in headers)
        {
            if (!Unsigned.Contains(name) && !name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                signing.Headers[name] = string.Join(",", values);
            }
        }

        var result = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = settings.ResolveCredentials(),
            Region = settings.Region,
            Service = service,
            SignPayload = true,
            SignedAt = time.GetUtcNow().UtcDateTime,
        }, cancellationToken);
        foreach (var (name, value) in result.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
