using Pipeline.Aws.Tests.Support;

namespace Pipeline.Aws.Tests.Sqs;

/// <summary>The checker that every SQS test request goes through catches what it must.</summary>
public sealed class SqsModelTests
{
    const string Json = "application/x-amz-json-1.0";

    [Fact]
    public void Check_ConformingRequest_HasNoError() =>
        Assert.Empty(SqsModel.Instance.Check(Json, "AmazonSQS.ReceiveMessage",
            """{"QueueUrl":"u","MaxNumberOfMessages":10,"MessageSystemAttributeNames":["ApproximateReceiveCount"]}"""));

    [Theory]
    [InlineData("application/json", "AmazonSQS.GetQueueUrl", """{"QueueName":"q"}""", "Content-Type")]
    [InlineData(Json, "AmazonSQS.Nothing", """{"QueueName":"q"}""", "no operation")]
    [InlineData(Json, "AmazonSQS.DeleteMessageBatch", """{"QueueUrl":"u"}""", "required member Entries")]
    [InlineData(Json, "AmazonSQS.DeleteMessageBatch", """{"QueueUrl":"u","Entries":[{"Id":"0"}]}""", "required member ReceiptHandle")]
    [InlineData(Json, "AmazonSQS.ReceiveMessage", """{"QueueUrl":"u","WaitTimeSeconds":"20"}""", "(integer)")]
    [InlineData(Json, "AmazonSQS.ReceiveMessage", """{"QueueUrl":"u","MessageSystemAttributeNames":["Everything"]}""", "not one of the values")]
    [InlineData(Json, "AmazonSQS.SendMessage", """{"QueueUrl":"u","MessageBody":"b","Body":"x"}""", "no member")]
    [InlineData(Json, "AmazonSQS.SetQueueAttributes", """{"QueueUrl":"u","Attributes":{"Color":"red"}}""", "not one of the values")]
    public void Check_BrokenRequest_IsReported(string contentType, string target, string body, string expected) =>
        Assert.Contains(SqsModel.Instance.Check(contentType, target, body), e => e.Contains(expected, StringComparison.Ordinal));
}
