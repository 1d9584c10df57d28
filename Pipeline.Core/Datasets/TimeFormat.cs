namespace Pipeline.Core.Datasets;

/// <summary>
/// A dataset's <c>timestampFormat</c> or <c>dateFormat</c>: strptime-style specifiers (<c>%m/%d/%Y %H:%M</c>)
/// as DuckDB's <c>strptime</c> reads them. Only the specifiers that Spark's (Java) parser reads the same way are
/// accepted, so the same format compiles to both engines: not %y (Spark puts 85 in 2085, DuckDB in 1985) nor %a/%A.
/// </summary>
public static class TimeFormat
{
    /// <summary>Each accepted specifier (without the <c>%</c>) and its Java DateTimeFormatter pattern.</summary>
    public static readonly IReadOnlyDictionary<string, string> Specifiers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Y"] = "yyyy",
        ["m"] = "MM", ["-m"] = "M", ["b"] = "MMM", ["B"] = "MMMM",
        ["d"] = "dd", ["-d"] = "d", ["j"] = "DDD", ["-j"] = "D",
        ["H"] = "HH", ["-H"] = "H", ["I"] = "hh", ["-I"] = "h", ["p"] = "a",
        ["M"] = "mm", ["-M"] = "m", ["S"] = "ss", ["-S"] = "s",
        ["g"] = "SSS", ["f"] = "SSSSSS", ["n"] = "SSSSSSSSS",
        ["z"] = "XXX", ["Z"] = "VV",
    };

    /// <summary>One piece of a format: a specifier (<c>Y</c>, <c>-d</c>) or literal text.</summary>
    public readonly record struct Token(string Text, bool IsSpecifier);

    /// <summary>Splits a format into specifiers and literal text; the problem is set for an unknown or cut-off specifier.</summary>
    public static IReadOnlyList<Token> Parse(string format, out string? problem)
    {
        problem = null;
        var tokens = new List<Token>();
        var literal = new System.Text.StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                literal.Append(format[i]);
                continue;
            }

            if (i + 1 < format.Length && format[i + 1] == '%')
            {
                literal.Append('%');
                i++;
                continue;
            }

            var length = i + 1 < format.Length && format[i + 1] == '-' ? 2 : 1;
            var specifier = i + length < format.Length ? format.Substring(i + 1, length) : null;
            if (specifier is null || !Specifiers.ContainsKey(specifier))
            {
                problem ??= $"'%{specifier ?? format[(i + 1)..]}' is not a supported specifier; use %Y %m %-m %b %B %d %-d %j " +
                    "%H %-H %I %-I %p %M %-M %S %-S %g %f %n %z %Z and %% for a percent sign (two-digit years and weekday " +
                    "names are not accepted: Spark reads them differently or not at all)";
                break;
            }

            if (literal.Length > 0)
            {
                tokens.Add(new Token(literal.ToString(), false));
                literal.Clear();
            }

            tokens.Add(new Token(specifier, true));
            i += length;
        }

        if (literal.Length > 0)
        {
            tokens.Add(new Token(literal.ToString(), false));
        }

        if (problem is null && !tokens.Any(t => t.IsSpecifier))
        {
            problem = "has no specifier; write it like %m/%d/%Y %H:%M:%S";
        }

        return tokens;
    }

    /// <summary>
    /// The Java DateTimeFormatter pattern (Spark's <c>to_timestamp</c>) of a valid format: literal text holding a
    /// letter or a pattern character is quoted as one piece, a quote in it doubled.
    /// </summary>
    public static string ToJava(string format)
    {
        var java = new System.Text.StringBuilder();
        foreach (var token in Parse(format, out _))
        {
            if (token.IsSpecifier)
            {
                java.Append(Specifiers[token.Text]);
            }
            else if (token.Text.Any(c => char.IsAsciiLetter(c) || c is '\'' or '[' or ']' or '{' or '}' or '#'))
            {
                java.Append('\'').Append(token.Text.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
            }
            else
            {
                java.Append(token.Text);
            }
        }

        return java.ToString();
    }
}
