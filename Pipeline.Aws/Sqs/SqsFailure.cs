using Amazon.Runtime;

namespace Pipeline.Aws.Sqs;

/// <summary>Which exceptions of an SQS call mean "the request failed, try again later" rather than a bug or a stop.</summary>
internal static class SqsFailure
{
    // The SDK rethrows an HttpClient timeout as TimeoutException and an I/O error as IOException; a
    // cancellation that is not ours is a timeout too.
    public static bool IsRequestFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
