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
    /// <summary>
    /// Parses <c>col</c> or <c>day(col)</c>; null when the text is neither. A column name is 1-255 characters without
    /// control characters (spaces and punctuation are escaped in the folder names, as Hive does).
    /// </summary>
    public static PartitionColumn? Parse(string text)
    {
        var match = Expression().Match(text.Trim());
        var column = match.Groups["col"].Value.Trim();
        // "week(ts)" is a transform that does not exist, not a column of that name.
        if (!match.Success || !DatasetValidator.IsName(column) || !match.Groups["fn"].Success && Call().IsMatch(column))
        {
            return null;
        }

        if (!match.Groups["fn"].Success)
        {
            return new PartitionColumn(column, column, PartitionTransform.Identity);
        }

        var transform = Enum.Parse<PartitionTransform>(match.Groups["fn"].Value, ignoreCase: true);
        return new PartitionColumn($"{column}_{transform.ToString().ToLowerInvariant()}", column, transform);
    }

    [GeneratedRegex(@"^(?:(?<fn>year|month|day|hour)\((?<col>.+)\)|(?<col>.+))$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Expression();

    [GeneratedRegex(@"^[A-Za-z_]+\s*\(.*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Call();
}
