using System.Net;

namespace Pipeline.Aws.Json;

/// <summary>An error an AWS JSON service answered with: its code (<c>EntityNotFoundException</c>) and message.</summary>
public sealed class AwsServiceException(string service, string operation, string code, string message, HttpStatusCode status)
    : Exception($"{service} {operation} failed: {code}: {message}")
{
    /// <summary>The error's shape name, without the namespace (<c>aws.glue#</c>) some services prefix.</summary>
    public string Code { get; } = code;

    public HttpStatusCode Status { get; } = status;

    /// <summary>Throttling and server faults: worth another try after a pause.</summary>
    public bool Retryable => Code is "ThrottlingException" or "TooManyRequestsException" or "RequestLimitExceeded" or "ProvisionedThroughputExceededException"
        or "InternalServiceException" or "InternalServerException" or "InternalServerError" or "ServiceUnavailableException"
        || (int)Status >= 500;
}
