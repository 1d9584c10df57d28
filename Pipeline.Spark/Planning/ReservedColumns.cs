namespace Pipeline.Spark.Planning;

/// <summary>Column names the transform adds or uses internally.</summary>
internal static class ReservedColumns
{
    /// <summary>Lineage: the raw-zone key of the row's file.</summary>
    public const string SourceFile = "_source_file";

    /// <summary>Lineage: when the run ingested the row (TIMESTAMPTZ).</summary>
    public const string IngestedAt = "_ingested_at";

    /// <summary>Lineage: the run id.</summary>
    public const string RunId = "_run_id";

    /// <summary>Quarantined rows: why the row was set aside.</summary>
    public const string Reason = "_reason";

    /// <summary>Prefix of internal helper columns; data columns may not use it.</summary>
    public const string InternalPrefix = "__pipeline_";

    /// <summary>Internal: the file's arrival sequence (dedupe order).</summary>
    public const string Arrival = InternalPrefix + "arrival";

    /// <summary>Internal: the row's position in its file (dedupe order).</summary>
    public const string Row = InternalPrefix + "row";

    /// <summary>
    /// How column names compare: without regard to case, as DuckDB, Spark (by default), Hive and Glue do, so
    /// "Fare" in one file and "fare" in another are one column.
    /// </summary>
    public static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    /// <summary>True for the lineage names: a data column of that name is replaced by the lineage value.</summary>
    public static bool IsLineage(string name) => Names.Equals(name, SourceFile) || Names.Equals(name, IngestedAt) || Names.Equals(name, RunId);

    /// <summary>True for names of internal helper columns.</summary>
    public static bool IsInternal(string name) => name.StartsWith(InternalPrefix, StringComparison.OrdinalIgnoreCase);
}
