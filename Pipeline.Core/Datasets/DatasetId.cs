using System.Text.RegularExpressions;

namespace Pipeline.Core.Datasets;

/// <summary>Dataset ids: 1-64 characters of <c>[a-z0-9_]</c> starting with a letter; also the table name.</summary>
public static partial class DatasetId
{
    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "1-64 characters of [a-z0-9_] starting with a letter";

    /// <summary>True when <paramref name="id"/> is a valid dataset id.</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
