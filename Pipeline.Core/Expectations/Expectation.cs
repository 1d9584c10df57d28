namespace Pipeline.Core.Expectations;

/// <summary>What a run does with rows or runs that fail an expectation.</summary>
public enum ExpectationAction
{
    /// <summary>Count them; the rows are kept.</summary>
    Warn,

    /// <summary>Quarantine the rows with the expectation's name as the reason.</summary>
    Drop,

    /// <summary>Fail the run before its commit: nothing becomes visible.</summary>
    Fail,
}

/// <summary>A validated expectation: a name, its action and one check.</summary>
public sealed record Expectation(string Name, ExpectationAction Action, ExpectationCheck Check);

/// <summary>
/// One check. Row checks (<see cref="NotNullCheck"/>, <see cref="RangeCheck"/>, <see cref="RegexCheck"/>,
/// <see cref="AcceptedValuesCheck"/>, <see cref="SqlCheck"/>) look at each row, a NULL passing all but
/// <see cref="NotNullCheck"/>; the others look at the run's rows together.
/// </summary>
public abstract record ExpectationCheck
{
    /// <summary>True when the check judges rows one by one (so it can drop them).</summary>
    public virtual bool PerRow => true;
}

public sealed record NotNullCheck(string Column) : ExpectationCheck;

/// <summary>No value twice among the run's rows.</summary>
public sealed record UniqueCheck(string Column) : ExpectationCheck
{
    public override bool PerRow => false;
}

/// <summary>Bounds as written, cast to the column's type when the run reads it.</summary>
public sealed record RangeCheck(string Column, string? Min, string? Max) : ExpectationCheck;

/// <summary>The whole text of the value matches the pattern.</summary>
public sealed record RegexCheck(string Column, string Pattern) : ExpectationCheck;

public sealed record AcceptedValuesCheck(string Column, IReadOnlyList<string> Values) : ExpectationCheck;

/// <summary>Bounds on the rows the run writes.</summary>
public sealed record RowCountCheck(long? Min, long? Max) : ExpectationCheck
{
    public override bool PerRow => false;
}

/// <summary>The newest value of the column is no older than <see cref="MaxAgeSeconds"/> at the run's start.</summary>
public sealed record FreshnessCheck(string Column, long MaxAgeSeconds) : ExpectationCheck
{
    public override bool PerRow => false;
}

/// <summary>A boolean SQL expression over the row, true for a good row.</summary>
public sealed record SqlCheck(string Expression) : ExpectationCheck;
