using System.Text.RegularExpressions;

namespace Pipeline.Core.Datasets;

/// <summary>Time parts a partition column can be derived with.</summary>
public enum PartitionTransform
{
    /// <summary>The column itself.</summary>
    Identity,

    /// <summary><c>year(col)</c>.</summary>
    Year,

    /// <summary><c>month(col)</c>.</summary>
    Month,

    /// <summary><c>day(col)</c>: the date.</summary>
    Day,

    /// <summary><c>hour(col)</c>.</summary>
    Hour,
}

/// <summary>
/// One entry of <c>partitionBy</c>: a source column and a transform. A derived column is named
/// <c>&lt;column&gt;_&lt;transform&gt;</c> (e.g. <c>pickup_datetime_day</c>) and is a real column of the table.
/// </summary>
public sealed partial record PartitionColumn(string Name, string Source, PartitionTransform Transform)
{
    /// <summary>Parses <c>col</c> or <c>day(col)</c>; null when the text is neither.</summary>
    public static PartitionColumn? Parse(string text)
    {
        var match = Expression().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var column = match.Groups["col"].Value;
        if (!match.Groups["fn"].Success)
        {
            return new PartitionColumn(column, column, PartitionTransform.Identity);
        }

        var transform = Enum.Parse<PartitionTransform>(match.Groups["fn"].Value, ignoreCase: true);
        return new PartitionColumn($"{column}_{transform.ToString().ToLowerInvariant()}", column, transform);
    }

    [GeneratedRegex(@"^(?:(?<fn>year|month|day|hour)\(\s*(?<col>[A-Za-z_][A-Za-z0-9_]*)\s*\)|(?<col>[A-Za-z_][A-Za-z0-9_]*))$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Expression();
}
