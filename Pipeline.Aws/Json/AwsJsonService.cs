namespace Pipeline.Aws.Json;

/// <summary>
/// One AWS service spoken over the JSON 1.1 protocol, as its API model's metadata names it: where requests go
/// (<c>https://&lt;EndpointPrefix&gt;.&lt;region&gt;.amazonaws.com</c> unless overridden), the
/// <c>X-Amz-Target</c> prefix of its operations, and the name requests are signed for.
/// </summary>
/// <param name="Name">The model's serviceId, for messages (Glue, EMR, Athena).</param>
/// <param name="ServiceId">The serviceId in the <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> form (GLUE, EMR, ATHENA).</param>
public sealed record AwsJsonService(string Name, string ServiceId, string TargetPrefix, string EndpointPrefix, string SigningName)
{
    public static readonly AwsJsonService Glue = new("Glue", "GLUE", "AWSGlue", "glue", "glue");
    public static readonly AwsJsonService Emr = new("EMR", "EMR", "ElasticMapReduce", "elasticmapreduce", "elasticmapreduce");
    public static readonly AwsJsonService Athena = new("Athena", "ATHENA", "AmazonAthena", "athena", "athena");
}

/// <summary>The answer of an operation whose output has no member the client reads.</summary>
public sealed record NoOutput;
