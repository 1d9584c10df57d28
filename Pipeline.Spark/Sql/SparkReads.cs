using Pipeline.Core.Datasets;
using Pipeline.Spark.Planning;
using static Pipeline.Spark.Sql.SparkDialect;

namespace Pipeline.Spark.Sql;

/// <summary>Spark temporary views that read one input file each, with an explicit schema where Spark would infer.</summary>
internal static class SparkReads
{
    /// <summary>The view name of source <paramref name="index"/>.</summary>
    public static string ViewName(int index) => $"__pipeline_src_{index}";

    /// <summary>
    /// <c>CREATE TEMPORARY VIEW</c> for one file. CSV and JSON get the columns the DuckDB probe saw (CSV all
    /// STRING, cast in SQL like the local engine does); Parquet carries its own schema.
    /// </summary>
    public static string CreateView(SourcePlan source, DatasetSpec spec)
    {
        var schema = source.Format == SourceFormat.Parquet
            ? ""
            : $" ({string.Join(", ", source.ReadColumns.Select(c => $"{QuoteName(c.Name)} {SparkDialect.Instance.Type(c.Type)}"))})";
        var options = new List<(string Key, string Value)> { ("path", source.Input.Path) };
        switch (source.Format)
        {
            case SourceFormat.Csv:
                // escape = quote unless detected otherwise: RFC 4180 doubling, as DuckDB reads it (Spark's default is a backslash).
                options.AddRange([("header", source.Csv.Header ? "true" : "false"), ("sep", source.Csv.Delimiter),
                    ("quote", source.Csv.Quote), ("escape", source.Csv.Escape), ("nullValue", spec.CsvNullString)]);
                if (source.Csv.Comment.Length > 0)
                {
                    options.Add(("comment", source.Csv.Comment));
                }
                break;
            case SourceFormat.JsonArray:
                options.Add(("multiLine", "true"));
                break;
        }

        var format = source.Format switch
        {
            SourceFormat.Csv => "csv",
            SourceFormat.Parquet => "parquet",
            _ => "json",
        };
        return $"CREATE OR REPLACE TEMPORARY VIEW {QuoteName(ViewName(source.Index))}{schema}\nUSING {format}\n" +
            $"OPTIONS ({string.Join(", ", options.Select(o => $"{o.Key} {LiteralOf(o.Value)}"))})";
    }
}
