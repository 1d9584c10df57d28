namespace Pipeline.Aws.Emr;

// The members of EMR's model shapes that the Spark stage uses, named as the model names them
// (../shared/aws-models/emr/service-2.json); the tests check every request against the model.

public sealed record HadoopJarStepConfig(string Jar, List<string>? Args = null, string? MainClass = null);

/// <param name="ActionOnFailure">TERMINATE_CLUSTER, CANCEL_AND_WAIT or CONTINUE.</param>
public sealed record StepConfig(string Name, HadoopJarStepConfig HadoopJarStep, string? ActionOnFailure = "CONTINUE");

public sealed record InstanceGroupConfig(string InstanceRole, string InstanceType, int InstanceCount, string? Name = null, string? Market = null);

public sealed record JobFlowInstancesConfig(
    List<InstanceGroupConfig>? InstanceGroups = null, bool? KeepJobFlowAliveWhenNoSteps = null, bool? TerminationProtected = null, string? Ec2SubnetId = null);

public sealed record Application(string Name);

public sealed record Tag(string Key, string Value);

/// <param name="IdleTimeout">Seconds idle before EMR ends the cluster.</param>
public sealed record AutoTerminationPolicy(long IdleTimeout);

public sealed record StepStateChangeReason(string? Code = null, string? Message = null);

public sealed record FailureDetails(string? Reason = null, string? Message = null, string? LogFile = null);

public sealed record StepTimeline(DateTimeOffset? CreationDateTime = null, DateTimeOffset? StartDateTime = null, DateTimeOffset? EndDateTime = null);

public sealed record StepStatus(string? State = null, StepStateChangeReason? StateChangeReason = null, FailureDetails? FailureDetails = null, StepTimeline? Timeline = null);

public sealed record HadoopStepConfig(string? Jar = null, List<string>? Args = null);

public sealed record Step(string? Id = null, string? Name = null, HadoopStepConfig? Config = null, string? ActionOnFailure = null, StepStatus? Status = null);

public sealed record ClusterStatus(string? State = null);

public sealed record ClusterSummary(string? Id = null, string? Name = null, ClusterStatus? Status = null, string? ClusterArn = null);

// Requests and responses.
public sealed record RunJobFlowRequest(
    string Name, JobFlowInstancesConfig Instances, string? ReleaseLabel = null, string? LogUri = null, List<StepConfig>? Steps = null,
    List<Application>? Applications = null, string? JobFlowRole = null, string? ServiceRole = null, List<Tag>? Tags = null,
    AutoTerminationPolicy? AutoTerminationPolicy = null, bool? VisibleToAllUsers = null);

public sealed record RunJobFlowResponse(string? JobFlowId, string? ClusterArn = null);

public sealed record AddJobFlowStepsRequest(string JobFlowId, List<StepConfig> Steps);

public sealed record AddJobFlowStepsResponse(List<string>? StepIds);

public sealed record DescribeStepRequest(string ClusterId, string StepId);

public sealed record DescribeStepResponse(Step? Step);

public sealed record ListStepsRequest(string ClusterId, List<string>? StepStates = null, string? Marker = null);

public sealed record ListStepsResponse(List<Step>? Steps, string? Marker);

public sealed record ListClustersRequest(List<string>? ClusterStates = null, string? Marker = null);

public sealed record ListClustersResponse(List<ClusterSummary>? Clusters, string? Marker);

public sealed record TerminateJobFlowsRequest(List<string> JobFlowIds);
