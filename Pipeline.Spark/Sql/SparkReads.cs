using Pipeline.Core.Datasets;
using Pipeline.Spark.Planning;
using static Pipeline.Spark.Sql.SparkDialect;

namespace Pipeline.Spark.Sql;

/// <summary>Spark temporary views that read one input file each, with an explicit schema where Spark would infer.</summary>
internal static class SparkReads
{
    /// <summary>
    /// The column a CSV or NDJSON view holds a malformed line's text in (Spark's PERMISSIVE mode); NULL on good rows.
    /// </summary>
    public const string CorruptRecord = "_corrupt_record";

    /// <summary>True when the view of <paramref name="source"/> has <see cref="CorruptRecord"/>.</summary>
    public static bool HasLines(SourcePlan source) => source.Format is SourceFormat.Csv or SourceFormat.NdJson;

    /// <summary>The view name of source <paramref name="index"/>.</summary>
    public static string ViewName(int index) => $"__pipeline_src_{index}";

    /// <summary>
    /// <c>CREATE TEMPORARY VIEW</c> for one file. CSV and JSON get the columns the DuckDB probe saw (CSV all
    /// STRING, cast in SQL like the local engine does); Parquet carries its own schema.
    /// </summary>
    public static string CreateView(SourcePlan source, DatasetSpec spec)
    {
        var columns = source.ReadColumns.Select(c => $"{QuoteName(c.Name)} {SparkDialect.Instance.Type(c.Type)}");
        if (HasLines(source))
        {
            columns = columns.Append($"{QuoteName(CorruptRecord)} STRING");
        }

        var schema = source.Format == SourceFormat.Parquet ? "" : $" ({string.Join(", ", columns)})";
        var options = new List<(string Key, string Value)> { ("path", source.Input.Path) };
        if (HasLines(source))
        {
            // A malformed line becomes a row with only its text, set aside in SQL, instead of failing the read.
            options.AddRange([("mode", "PERMISSIVE"), ("columnNameOfCorruptRecord", CorruptRecord)]);
        }

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

                if (spec.CsvEncoding != CsvEncoding.Utf8)
                {
                    options.Add(("encoding", spec.CsvEncoding == CsvEncoding.Latin1 ? "ISO-8859-1" : "UTF-16"));
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
