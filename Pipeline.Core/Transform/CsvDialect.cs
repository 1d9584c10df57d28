using System.Globalization;

namespace Pipeline.Core.Transform;

/// <summary>Where a CSV file's dialect came from, as the run reports it.</summary>
[GenerateSerializer, Alias("pipeline.DialectSource")]
public enum DialectSource
{
    /// <summary>The dataset declares the delimiter and the header.</summary>
    Declared,

    /// <summary>DuckDB's sniffer read it from this file (what the dataset declares still wins).</summary>
    Detected,

    /// <summary>The dialect the dataset's earlier files were read with, which this file's first lines fit.</summary>
    Reused,
}

/// <summary>
/// How one CSV file is read. What the dataset declares is used as declared; where it is silent, DuckDB's sniffer
/// detects it, or the dialect of the dataset's earlier files is reused. <see cref="Escape"/>, <see cref="SkipRows"/>
/// and <see cref="Comment"/> are never declared.
/// </summary>
[GenerateSerializer, Immutable, Alias("pipeline.CsvDialect")]
public sealed record CsvDialect(
    string Delimiter,
    string Quote,
    string Escape,
    bool Header,
    int SkipRows,
    string Comment,
    DialectSource Source)
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

        var source = Source switch
        {
            DialectSource.Declared => "declared: ",
            DialectSource.Reused => "as the dataset's earlier files: ",
            _ => "detected: ",
        };
        return source + string.Join(", ", parts);
    }

    /// <summary>The same way of reading, wherever it came from.</summary>
    public bool Reads(CsvDialect other) => this with { Source = DialectSource.Detected } == other with { Source = DialectSource.Detected };

    static string Show(string text) => text == "\t" ? "tab" : $"'{text}'";
}
