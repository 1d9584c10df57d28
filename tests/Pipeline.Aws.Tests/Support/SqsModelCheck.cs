using System.Collections.Concurrent;

namespace Pipeline.Aws.Tests.Support;

/// <summary>
/// Sits under the SQS client in tests: every request it sends is checked against the API model (and must
/// carry a SigV4 Authorization for the sqs service) before it goes out; a request that does not conform
/// fails the test that sent it.
/// </summary>
public sealed class SqsModelCheck() : DelegatingHandler(new HttpClientHandler())
{
    /// <summary>The operations sent so far, by every checked client.</summary>
    public static ConcurrentDictionary<string, int> Operations { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var target = request.Headers.TryGetValues("X-Amz-Target", out var t) ? t.Single() : null;
        var errors = SqsModel.Instance.Check(request.Content?.Headers.ContentType?.ToString(), target, body).ToList();
        if (request.Method != HttpMethod.Post || request.RequestUri?.AbsolutePath != "/")
        {
            errors.Add($"{request.Method} {request.RequestUri?.AbsolutePath}: the JSON protocol is POST /");
        }

        var authorization = request.Headers.NonValidated.TryGetValues("Authorization", out var auth) ? auth.ToString() : "";
        if (!authorization.StartsWith("AWS4-HMAC-SHA256 Credential=", StringComparison.Ordinal) || !authorization.Contains("/sqs/aws4_request", StringComparison.Ordinal))
        {
            errors.Add($"Authorization is not a SigV4 signature for sqs: '{authorization}'");
        }

        Assert.True(errors.Count == 0, $"{target} {body}\n" + string.Join("\n", errors));
        Operations.AddOrUpdate(target![(SqsModel.Instance.TargetPrefix.Length + 1)..], 1, (_, n) => n + 1);
        return await base.SendAsync(request, cancellationToken);
    }
}
