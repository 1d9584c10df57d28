namespace Pipeline.Core.Types;

/// <summary>One field of a STRUCT or UNION.</summary>
public sealed record DuckField(string Name, DuckType Type);
