using System.Globalization;
using Pipeline.Core.Expectations;
using Pipeline.Core.Transform;

namespace Pipeline.Spark.Engine;

/// <summary>Turns the tally of a run's expectations into results, and a <c>fail</c> expectation's failures into the run's failure.</summary>
internal static class ExpectationOutcome
{
    /// <summary>
    /// The results, in the dataset's order, from the values <see cref="Sql.ExpectationExpressions.Tally"/> selects,
    /// the rows written and the run's start (freshness is measured from it).
    /// </summary>
    public static List<ExpectationResult> Judge(IReadOnlyList<Expectation> all, IReadOnlyList<object?> tally, long rowsWritten, DateTimeOffset runStart)
    {
        var results = new List<ExpectationResult>();
        var rowsChecked = Long(tally[0]);
        for (var i = 0; i < all.Count; i++)
        {
            var (expectation, failed, example) = (all[i], tally[1 + 2 * i], tally[2 + 2 * i]);
            var action = expectation.Action.ToString().ToLowerInvariant();
            results.Add(expectation.Check switch
            {
                RowCountCheck c => Run(expectation.Name, action, Count(c, rowsWritten)),
                FreshnessCheck c => Run(expectation.Name, action, Fresh(c, failed is null or DBNull ? null : Convert.ToDouble(failed, CultureInfo.InvariantCulture), runStart)),
                _ => new ExpectationResult(expectation.Name, action, rowsChecked, rowsChecked - Long(failed), Long(failed), example as string),
            });
        }

        return results;
    }

    /// <summary>The run's failure when a <c>fail</c> expectation failed: nothing of the run is committed.</summary>
    public static TransformException? Failure(IReadOnlyList<ExpectationResult> results)
    {
        var failed = results.Where(r => r.Action == "fail" && r.Failed > 0).ToList();
        if (failed.Count == 0)
        {
            return null;
        }

        var what = failed.Select(r => r.Checked == 1 && r.Failed == 1
            ? $"expectation '{r.Name}' failed: {r.Example}"
            : $"expectation '{r.Name}' failed on {r.Failed} of {r.Checked} rows, e.g. {r.Example}");
        return new TransformException(
            $"{string.Join("; ", what)}. The run commits nothing; fix the data or the expectation, then retry the run.", transient: false)
        {
            Expectations = results,
        };
    }

    static ExpectationResult Run(string name, string action, string? problem) =>
        new(name, action, 1, problem is null ? 1 : 0, problem is null ? 0 : 1, problem);

    static string? Count(RowCountCheck check, long rows) =>
        rows < check.Min ? $"{rows} rows written, fewer than min {check.Min}"
        : rows > check.Max ? $"{rows} rows written, more than max {check.Max}"
        : null;

    static string? Fresh(FreshnessCheck check, double? newest, DateTimeOffset runStart)
    {
        if (newest is null)
        {
            return $"{check.Column} holds no time among the rows written";
        }

        var age = (runStart - DateTimeOffset.FromUnixTimeMilliseconds((long)(newest.Value * 1000))).TotalSeconds;
        return age > check.MaxAgeSeconds
            ? string.Create(CultureInfo.InvariantCulture,
                $"the newest {check.Column} ({DateTimeOffset.FromUnixTimeMilliseconds((long)(newest.Value * 1000)):yyyy-MM-dd HH:mm:ss}Z) is {age:0} s old, more than maxAgeSeconds {check.MaxAgeSeconds}")
            : null;
    }

    static long Long(object? value) => value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
