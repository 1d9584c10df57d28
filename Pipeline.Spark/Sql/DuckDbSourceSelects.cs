using Pipeline.Spark.Planning;
using static Pipeline.Spark.Sql.DuckDbDialect;

namespace Pipeline.Spark.Sql;

/// <summary>
/// The SELECT over one file that feeds the run: every output column in plan order (NULL where the file lacks
/// it) plus <c>_source_file</c>, either already typed (Direct) or raw (Staged).
/// </summary>
internal sealed class DuckDbSourceSelects(TransformPlan plan)
{
    const string SourceAlias = "__pipeline_src";

    /// <summary>One file's rows converted to the output types (NULL where the file lacks a column), with lineage.</summary>
    public string Typed(SourcePlan source)
    {
        var columns = new List<string>();
        var csvTypes = new Dictionary<string, string>(ReservedColumns.Names);
        foreach (var column in plan.Columns)
        {
            string value;
            if (!source.Fields.TryGetValue(column.Name, out var field))
            {
                value = SqlDialect.Cast("NULL", column.TargetText);
            }
            else if (source.Format == SourceFormat.Csv)
            {
                csvTypes[field.Path[0]] = column.TargetText;
                value = Instance.Path(SourceAlias, field.Path);
            }
            else
            {
                var same = field.RawType.Equals(column.TargetType) || field.RawType.IsText && column.TargetType.IsText;
                var path = Instance.Path(SourceAlias, field.Path);
                value = same ? path
                    : field.RawType.IsText && column.TimeFormat(plan.Request.Spec) is { } format ? Instance.ParseTime(path, format, column.TargetText, strict: true)
                    : SqlDialect.Cast(path, column.TargetText);
            }

            columns.Add($"{value} AS {QuoteName(column.Name)}");
        }

        columns.Add(SourceFileColumn(source));
        var read = DuckDbReads.Planned(source, plan.Request, source.Format == SourceFormat.Csv ? csvTypes : null);
        return $"SELECT {string.Join(", ", columns)}\nFROM {read} AS {QuoteName(SourceAlias)}";
    }

    /// <summary>
    /// One file's raw rows mapped onto the output columns (NULL where the file lacks one), with lineage. A rescue
    /// reads the file with <paramref name="read"/>, maybe in parts: rows of a later part are numbered on from
    /// <paramref name="rowOffset"/>.
    /// </summary>
    public string Raw(SourcePlan source, string? read = null, long rowOffset = 0)
    {
        var columns = new List<string>();
        foreach (var column in plan.Columns)
        {
            var value = source.Fields.TryGetValue(column.Name, out var field)
                ? field.RawType.Equals(column.RawType)
                    ? Instance.Path(SourceAlias, field.Path)
                    : SqlDialect.Cast(Instance.Path(SourceAlias, field.Path), column.RawType.ToString())
                : SqlDialect.Cast("NULL", column.RawType.ToString());
            columns.Add($"{value} AS {QuoteName(column.Name)}");
        }

        columns.Add(SourceFileColumn(source));
        if (plan.Dedupe)
        {
            // A streaming row_number() keeps file order: "the later row in the file wins" needs it.
            columns.Add($"CAST({source.Input.ArrivalSequence} AS BIGINT) AS {QuoteName(ReservedColumns.Arrival)}");
            columns.Add($"row_number() OVER () + {rowOffset} AS {QuoteName(ReservedColumns.Row)}");
        }

        read ??= DuckDbReads.Planned(source, plan.Request, csvTypes: null);
        return $"SELECT {string.Join(", ", columns)}\nFROM {read} AS {QuoteName(SourceAlias)}";
    }

    static string SourceFileColumn(SourcePlan source) =>
        $"CAST({LiteralOf(source.Input.SourceKey)} AS {QuoteName(DuckDbSql.SourceFileType)}) AS {QuoteName(ReservedColumns.SourceFile)}";
}
