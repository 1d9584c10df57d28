namespace Pipeline.Silo.Queries;

/// <summary>
/// Keeps the query API read-only on Athena, whose role may create tables and write to the lake: only one statement
/// that begins as a query (SELECT, WITH, VALUES, or a parenthesised query) is sent. Quotes and comments are skipped,
/// so a ';' or keyword inside them does not count.
/// </summary>
public static class AthenaSql
{
    static readonly string[] QueryStarts = ["SELECT", "WITH", "VALUES"];

    /// <summary>Why the SQL may not run, or null when it is one query.</summary>
    public static string? Problem(string sql)
    {
        var code = Code(sql).Trim();
        if (code.Length == 0)
        {
            return "The SQL text holds no statement.";
        }

        var end = code.IndexOf(';', StringComparison.Ordinal);
        if (end >= 0 && code[(end + 1)..].Trim().Length > 0)
        {
            return "The SQL text holds more than one statement; send one SELECT per query.";
        }

        var first = new string([.. code.TrimStart('(', ' ', '\t', '\r', '\n').TakeWhile(char.IsLetter)]).ToUpperInvariant();
        return QueryStarts.Contains(first)
            ? null
            : $"The statement begins with {(first.Length == 0 ? "no keyword" : first)}: only SELECT statements run through the query API.";
    }

    // The SQL with string literals, quoted identifiers and comments blanked out.
    static string Code(string sql)
    {
        var code = new System.Text.StringBuilder(sql.Length);
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                var j = i + 1;
                while (j < sql.Length && !(sql[j] == c && (j + 1 >= sql.Length || sql[j + 1] != c)))
                {
                    j += sql[j] == c ? 2 : 1;
                }

                code.Append(' ');
                i = j;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var j = sql.IndexOf('\n', i);
                i = j < 0 ? sql.Length : j;
                code.Append(' ');
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var j = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = j < 0 ? sql.Length : j + 1;
                code.Append(' ');
            }
            else
            {
                code.Append(c);
            }
        }

        return code.ToString();
    }
}
