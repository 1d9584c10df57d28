using System.Globalization;

namespace Pipeline.Core.Transform;

/// <summary>
/// How one CSV file is read. What the dataset declares is used as declared; where it is silent, DuckDB's sniffer
/// detects it per file (<see cref="Detected"/>). <see cref="Escape"/>, <see cref="SkipRows"/> and
/// <see cref="Comment"/> are only ever detected.
/// </summary>
public sealed record CsvDialect(string Delimiter, string Quote, string Escape, bool Header, int SkipRows, string Comment, bool Detected)
{
    /// <summary>For the run's report, e.g. <c>detected: delimiter ';', quote '"', header, 2 rows skipped</c>.</summary>
    public string Describe()
    {
        var parts = new List<string> { $"delimiter {Show(Delimiter)}", Quote.Length == 0 ? "no quote" : $"quote {Show(Quote)}" };
        if (Escape.Length > 0 && Escape != Quote)
        {
            parts.Add($"escape {Show(Escape)}");
        }

        parts.Add(Header ? "header" : "no header");
        if (SkipRows > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{SkipRows} {(SkipRows == 1 ? "row" : "rows")} skipped"));
        }

        if (Comment.Length > 0)
        {
            parts.Add($"comments {Show(Comment)}");
        }

        return (Detected ? "detected: " : "declared: ") + string.Join(", ", parts);
    }

    static string Show(string text) => text == "\t" ? "tab" : $"'{text}'";
}
