using Amazon.Runtime.Signing;
using Pipeline.Aws.Configuration;

namespace Pipeline.Aws.Sqs;

/// <summary>
/// Signs a request with AWSSDK.Core's public SigV4 signer: the headers to sign (Host, Content-Type,
/// X-Amz-Target) and the exact body bytes go in, Authorization, X-Amz-Date, X-Amz-Content-SHA256 (and the
/// session token) come out. The body must be sent unchanged, so it is a ByteArrayContent whose media type
/// is set exactly as signed (a StringContent would append a charset after signing).
/// </summary>
public sealed class SqsRequestSigner(AwsSettings settings, TimeProvider time)
{
    /// <summary>The signing name of SQS.</summary>
    public const string Service = "sqs";

    /// <summary>Adds the signature headers to <paramref name="request"/>, whose body is <paramref name="body"/>.</summary>
    public async Task SignAsync(HttpRequestMessage request, byte[] body, CancellationToken cancellationToken = default)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var signing = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = uri, Content = body };
        signing.Headers["Host"] = uri.IsDefaultPort ? uri.Host : uri.Authority;
        foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            if (header.Key is "Content-Type" or "X-Amz-Target")
            {
                signing.Headers[header.Key] = string.Join(",", header.Value);
            }
        }

        var result = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = settings.ResolveCredentials(),
            Region = settings.Region,
            Service = Service,
            SignPayload = true,
            SignedAt = time.GetUtcNow().UtcDateTime,
        }, cancellationToken);
        foreach (var (name, value) in result.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
