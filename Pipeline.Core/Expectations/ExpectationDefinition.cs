using System.Text.Json.Serialization;

namespace Pipeline.Core.Expectations;

/// <summary>
/// One data-quality expectation as a dataset declares it: a name, an action, and exactly one check
/// (<c>{"name": "fare_positive", "action": "drop", "range": {"column": "fare", "min": 0}}</c>).
/// </summary>
[GenerateSerializer, Alias("pipeline.ExpectationDefinition")]
public sealed record ExpectationDefinition
{
    [Id(0)]
    public string? Name { get; init; }

    /// <summary><c>warn</c> (count, keep the row), <c>drop</c> (quarantine the row) or <c>fail</c> (the run commits nothing).</summary>
    [Id(1)]
    public string? Action { get; init; }

    [Id(2)]
    public string? NotNull { get; init; }

    [Id(3)]
    public string? Unique { get; init; }

    [Id(4)]
    public RangeDefinition? Range { get; init; }

    [Id(5)]
    public RegexDefinition? Regex { get; init; }

    [Id(6)]
    public AcceptedValuesDefinition? AcceptedValues { get; init; }

    [Id(7)]
    public RowCountDefinition? RowCount { get; init; }

    [Id(8)]
    public FreshnessDefinition? Freshness { get; init; }

    /// <summary>A boolean SQL expression over the row's columns, true for a good row.</summary>
    [Id(9)]
    public string? Sql { get; init; }
}

/// <summary>Bounds for a number or time column, either optional; a number or text (<c>"2024-01-01"</c>).</summary>
[GenerateSerializer, Alias("pipeline.RangeDefinition")]
public sealed record RangeDefinition
{
    [Id(0)]
    public string? Column { get; init; }

    [Id(1)]
    [JsonConverter(typeof(ScalarText))]
    public string? Min { get; init; }

    [Id(2)]
    [JsonConverter(typeof(ScalarText))]
    public string? Max { get; init; }
}

/// <summary>A pattern the whole value must match (RE2 syntax, as DuckDB reads it).</summary>
[GenerateSerializer, Alias("pipeline.RegexDefinition")]
public sealed record RegexDefinition
{
    [Id(0)]
    public string? Column { get; init; }

    [Id(1)]
    public string? Pattern { get; init; }
}

/// <summary>The values a column may hold.</summary>
[GenerateSerializer, Alias("pipeline.AcceptedValuesDefinition")]
public sealed record AcceptedValuesDefinition
{
    [Id(0)]
    public string? Column { get; init; }

    [Id(1)]
    [JsonConverter(typeof(ScalarTextList))]
    public List<string>? Values { get; init; }
}

/// <summary>Bounds on the rows a run writes, either optional.</summary>
[GenerateSerializer, Alias("pipeline.RowCountDefinition")]
public sealed record RowCountDefinition
{
    [Id(0)]
    public long? Min { get; init; }

    [Id(1)]
    public long? Max { get; init; }
}

/// <summary>The newest value of a time column must be no older than this when the run starts.</summary>
[GenerateSerializer, Alias("pipeline.FreshnessDefinition")]
public sealed record FreshnessDefinition
{
    [Id(0)]
    public string? Column { get; init; }

    [Id(1)]
    public long? MaxAgeSeconds { get; init; }
}
