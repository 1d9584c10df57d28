using Pipeline.Spark.Types;

namespace Pipeline.Spark.Planning;

/// <summary>
/// One data column of the output: how it arrives from the sources (<see cref="RawType"/>, the union over the
/// run's files) and what it must become (<see cref="TargetType"/>: the declared type, else the sniffed one).
/// </summary>
/// <param name="Name">Output column name (flattened: <c>a_b</c> for <c>a.b</c>).</param>
/// <param name="RawType">Type of the staged raw value (VARCHAR for CSV and for declared JSON columns).</param>
/// <param name="TargetType">Type written to Parquet.</param>
/// <param name="DeclaredType">The spec's type text when declared; used verbatim by the DuckDB dialect.</param>
internal sealed record PlannedColumn(string Name, DuckType RawType, DuckType TargetType, string? DeclaredType)
{
    /// <summary>True when the raw value must be cast, which is also when a row can fail to fit.</summary>
    public bool NeedsCast => !RawType.Equals(TargetType) && !(RawType.IsText && TargetType.IsText);

    /// <summary>The target type as the spec or DuckDB spells it.</summary>
    public string TargetText => DeclaredType ?? TargetType.ToString();

    /// <summary>The dataset's format for text values of this column (a DATE or TIMESTAMP), or null.</summary>
    public string? TimeFormat(Pipeline.Core.Datasets.DatasetSpec spec) => TargetType.Kind != DuckTypeKind.Scalar ? null : TargetType.Name switch
    {
        "DATE" => spec.DateFormat,
        "TIMESTAMP" or "TIMESTAMP WITH TIME ZONE" => spec.TimestampFormat,
        _ => null,
    };
}
