using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Pipeline.ServiceDefaults.Hosting;

/// <summary>
/// The fields of a request body that its type does not have, each keyed by its path (<c>batch.maxFile</c>) with
/// the closest known name: a misspelt option refused, not silently dropped.
/// </summary>
public static class UnknownFields
{
    /// <summary>Every unknown field in <paramref name="body"/> read as <paramref name="type"/>; empty when there are none.</summary>
    public static Dictionary<string, string[]> Find(JsonNode? body, Type type, JsonSerializerOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        Walk(body, options.GetTypeInfo(type), "", options, errors);
        return errors;
    }

    static void Walk(JsonNode? node, JsonTypeInfo info, string path, JsonSerializerOptions options, Dictionary<string, string[]> errors)
    {
        switch (node)
        {
            case JsonObject fields when info.Kind == JsonTypeInfoKind.Object:
                var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                foreach (var (name, value) in fields)
                {
                    var at = Member(path, name);
                    if (info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison)) is { } property)
                    {
                        Walk(value, options.GetTypeInfo(property.PropertyType), at, options, errors);
                    }
                    else
                    {
                        errors[at] = [Unknown(name, info.Properties.Select(p => p.Name).ToList())];
                    }
                }

                break;
            case JsonObject entries when info.Kind == JsonTypeInfoKind.Dictionary && info.ElementType is { } element:
                foreach (var (key, value) in entries)
                {
                    Walk(value, options.GetTypeInfo(element), Member(path, key), options, errors);
                }

                break;
            case JsonArray items when info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element:
                for (var i = 0; i < items.Count; i++)
                {
                    Walk(items[i], options.GetTypeInfo(element), string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), options, errors);
                }

                break;
        }
    }

    static string Member(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    static string Unknown(string name, List<string> known) => Closest(name, known) is { } guess
        ? $"'{name}' is not a known field; did you mean '{guess}'?"
        : $"'{name}' is not a known field; the fields here are {string.Join(", ", known)}.";

    /// <summary>The known name nearest <paramref name="name"/> by edit distance, ignoring case, if it is near enough to be a slip.</summary>
    public static string? Closest(string name, IEnumerable<string> known) => known
        .Select(k => (Name: k, Distance: Distance(name.ToLowerInvariant(), k.ToLowerInvariant())))
        .Where(k => k.Distance <= Math.Max(2, k.Name.Length / 3))
        .OrderBy(k => k.Distance)
        .Select(k => k.Name)
        .FirstOrDefault();

    // Edit distance, two neighbouring letters swapped counting as one slip (typing swaps them).
    static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
