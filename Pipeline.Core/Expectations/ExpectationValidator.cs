using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Core.Datasets;

namespace Pipeline.Core.Expectations;

/// <summary>Checks a definition's <c>expectations</c>, with errors keyed by path (<c>expectations[1].range.min</c>).</summary>
public static partial class ExpectationValidator
{
    const long MaxAgeSeconds = 10L * 366 * 24 * 3600;
    const int MaxExpectations = 100, MaxNameLength = 100, MaxPatternLength = 1000, MaxValues = 1000, MaxSqlLength = 4000;

    const string Checks = "notNull, unique, range, regex, acceptedValues, rowCount, freshness or sql";

    // Words that would turn an expression over the row into a query, a statement or a file read.
    static readonly HashSet<string> Refused = new(StringComparer.OrdinalIgnoreCase)
    {
        "select", "from", "with", "union", "copy", "attach", "detach", "pragma", "install", "load", "set", "create", "insert",
        "update", "delete", "drop", "alter", "call", "export", "import", "glob", "getenv", "query", "query_table", "current_setting",
    };

    /// <summary>The validated expectations, in order; the invalid ones are left out (with their errors added).</summary>
    public static List<Expectation> Validate(List<ExpectationDefinition>? definitions, Action<string, string> add)
    {
        var result = new List<Expectation>();
        if (definitions is { Count: > MaxExpectations })
        {
            add("expectations", $"has {definitions.Count} expectations; at most {MaxExpectations} are allowed");
            return result;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (definitions?.Count ?? 0); i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"expectations[{i}]");
            var definition = definitions![i];
            if (definition is null)
            {
                add(at, "must be an object with a name, an action and one check");
                continue;
            }

            var errors = 0;
            void Add(string field, string message)
            {
                errors++;
                add(field.Length == 0 ? at : $"{at}.{field}", message);
            }

            var name = definition.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
            {
                Add("name", $"is required: 1-{MaxNameLength} characters without control characters");
            }
            else if (!names.Add(name))
            {
                Add("name", $"'{name}' is the name of an earlier expectation; names tell the results apart");
            }

            var action = ParseAction(definition.Action, Add);
            var check = ParseCheck(definition, Add);
            if (check is { PerRow: false } && action == ExpectationAction.Drop)
            {
                Add("action", check is UniqueCheck
                    ? "'drop' is not available for unique: which of the duplicates to keep is the primary key's job (primaryKey keeps the latest); use warn or fail"
                    : "'drop' needs a check of single rows; rowCount and freshness judge the run's rows together: use warn or fail");
            }

            if (errors == 0 && check is not null)
            {
                result.Add(new Expectation(name!, action, check));
            }
        }

        return result;
    }

    static ExpectationAction ParseAction(string? text, Action<string, string> add)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "warn": return ExpectationAction.Warn;
            case "drop": return ExpectationAction.Drop;
            case "fail": return ExpectationAction.Fail;
            case null: add("action", "is required: warn (count, keep the row), drop (quarantine the row) or fail (the run commits nothing)"); return ExpectationAction.Warn;
            default: add("action", $"'{text}' is not one of warn, drop, fail"); return ExpectationAction.Warn;
        }
    }

    static ExpectationCheck? ParseCheck(ExpectationDefinition d, Action<string, string> add)
    {
        var given = new (string Name, bool Set)[]
        {
            ("notNull", d.NotNull is not null), ("unique", d.Unique is not null), ("range", d.Range is not null), ("regex", d.Regex is not null),
            ("acceptedValues", d.AcceptedValues is not null), ("rowCount", d.RowCount is not null), ("freshness", d.Freshness is not null),
            ("sql", d.Sql is not null),
        }.Where(c => c.Set).Select(c => c.Name).ToList();
        if (given.Count != 1)
        {
            add("", given.Count == 0
                ? $"needs one check: {Checks}"
                : $"has {given.Count} checks ({string.Join(", ", given)}); an expectation holds one, so give each its own name and action");
            return null;
        }

        return given[0] switch
        {
            "notNull" => Column(d.NotNull, "notNull", add) is { } c ? new NotNullCheck(c) : null,
            "unique" => Column(d.Unique, "unique", add) is { } c ? new UniqueCheck(c) : null,
            "range" => Range(d.Range!, add),
            "regex" => Regex(d.Regex!, add),
            "acceptedValues" => AcceptedValues(d.AcceptedValues!, add),
            "rowCount" => RowCount(d.RowCount!, add),
            "freshness" => Freshness(d.Freshness!, add),
            _ => Sql(d.Sql!, add),
        };
    }

    static string? Column(string? column, string field, Action<string, string> add)
    {
        if (DatasetValidator.IsName(column))
        {
            return column;
        }

        add(field, "must name a column: 1-255 characters without control characters");
        return null;
    }

    static RangeCheck? Range(RangeDefinition range, Action<string, string> add)
    {
        var column = Column(range.Column, "range.column", add);
        if (range.Min is null && range.Max is null)
        {
            add("range", "needs min, max or both");
            return null;
        }

        if (Number(range.Min) is { } min && Number(range.Max) is { } max && min > max)
        {
            add("range", $"min {range.Min} is greater than max {range.Max}");
            return null;
        }

        return column is null ? null : new RangeCheck(column, range.Min, range.Max);
    }

    static RegexCheck? Regex(RegexDefinition regex, Action<string, string> add)
    {
        var column = Column(regex.Column, "regex.column", add);
        var pattern = regex.Pattern;
        if (string.IsNullOrEmpty(pattern) || pattern.Length > MaxPatternLength)
        {
            add("regex.pattern", $"is required: 1-{MaxPatternLength} characters");
            return null;
        }

        if (Unsupported().Match(pattern) is { Success: true } found)
        {
            add("regex.pattern", $"'{found.Value}': lookarounds and back-references are not in RE2, the syntax DuckDB and the pattern use");
            return null;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            add("regex.pattern", $"is not a valid pattern: {e.Message}");
            return null;
        }

        return column is null ? null : new RegexCheck(column, pattern);
    }

    static AcceptedValuesCheck? AcceptedValues(AcceptedValuesDefinition accepted, Action<string, string> add)
    {
        var column = Column(accepted.Column, "acceptedValues.column", add);
        if (accepted.Values is not { Count: > 0 and <= MaxValues } values)
        {
            add("acceptedValues.values", $"must list 1-{MaxValues} values");
            return null;
        }

        return column is null ? null : new AcceptedValuesCheck(column, values);
    }

    static RowCountCheck? RowCount(RowCountDefinition count, Action<string, string> add)
    {
        if (count.Min is null && count.Max is null)
        {
            add("rowCount", "needs min, max or both");
        }
        else if (count.Min < 0 || count.Max < 0)
        {
            add("rowCount", "bounds must be 0 or more");
        }
        else if (count.Min > count.Max)
        {
            add("rowCount", $"min {count.Min} is greater than max {count.Max}");
        }
        else
        {
            return new RowCountCheck(count.Min, count.Max);
        }

        return null;
    }

    static FreshnessCheck? Freshness(FreshnessDefinition freshness, Action<string, string> add)
    {
        var column = Column(freshness.Column, "freshness.column", add);
        if (freshness.MaxAgeSeconds is not { } age || age <= 0 || age > MaxAgeSeconds)
        {
            add("freshness.maxAgeSeconds", "is required: seconds, more than 0 and at most ten years");
            return null;
        }

        return column is null ? null : new FreshnessCheck(column, age);
    }

    static SqlCheck? Sql(string sql, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(sql) || sql.Length > MaxSqlLength)
        {
            add("sql", $"must be a boolean expression of 1-{MaxSqlLength} characters");
            return null;
        }

        if (SqlExpressionProblem(sql) is { } problem)
        {
            add("sql", problem);
            return null;
        }

        return new SqlCheck(sql.Trim());
    }

    /// <summary>
    /// Why <paramref name="sql"/> is not an expression over one row: a statement separator, a comment, a subquery or
    /// a function that reads outside the row. Quoted text and identifiers are skipped.
    /// </summary>
    public static string? SqlExpressionProblem(string sql)
    {
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                var end = sql.IndexOf(c, i + 1);
                if (end < 0)
                {
                    return $"a {(c == '\'' ? "string" : "quoted name")} opened at character {i + 1} is never closed";
                }

                i = end;
            }
            else if (c == ';')
            {
                return "must be one expression: ';' ends a statement";
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-' || c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                return "must not hold comments";
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i + 1 < sql.Length && (char.IsLetterOrDigit(sql[i + 1]) || sql[i + 1] == '_'))
                {
                    i++;
                }

                var word = sql[start..(i + 1)];
                if (Refused.Contains(word) || word.StartsWith("read_", StringComparison.OrdinalIgnoreCase))
                {
                    return $"'{word}' is not allowed: the expression looks at the row's own columns (no queries, statements or file reads)";
                }
            }
        }

        return null;
    }

    static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex(@"\(\?<?[=!]|\\[1-9]|\\k<")]
    private static partial Regex Unsupported();
}
