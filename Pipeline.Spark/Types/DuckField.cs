namespace Pipeline.Spark.Types;

/// <summary>One field of a STRUCT or UNION.</summary>
internal sealed record DuckField(string Name, DuckType Type);
