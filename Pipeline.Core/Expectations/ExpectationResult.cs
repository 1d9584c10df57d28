namespace Pipeline.Core.Expectations;

/// <summary>
/// How a run's rows fared against one expectation. Row checks and unique count rows (those that fit the schema);
/// rowCount and freshness judge the run once, so they count 1.
/// </summary>
/// <param name="Action"><c>warn</c>, <c>drop</c> or <c>fail</c>: what was done with the failures.</param>
/// <param name="Example">One failing value (<c>fare = '-3.5'</c>), or why the run failed the check.</param>
[GenerateSerializer, Immutable, Alias("pipeline.ExpectationResult")]
public sealed record ExpectationResult(string Name, string Action, long Checked, long Passed, long Failed, string? Example);
