using System.Net;

namespace Pipeline.Aws.Sqs;

/// <summary>An error answer of SQS: the error code (the shape name of <c>__type</c>, e.g. <c>QueueDoesNotExist</c>) and message.</summary>
public sealed class SqsException(HttpStatusCode status, string code, string message)
    : Exception($"SQS {(int)status} {code}: {message}")
{
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>The error code.</summary>
    public string Code { get; } = code;

    /// <summary>True for throttling and server-side errors, worth retrying.</summary>
    public bool Transient => (int)Status >= 500 || Code is "ThrottlingException" or "RequestThrottled" or "ServiceUnavailable";
}
