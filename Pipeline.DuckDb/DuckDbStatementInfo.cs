namespace Pipeline.DuckDb;

/// <summary>One statement of a multi-statement SQL text, as classified by DuckDB's parser and binder.</summary>
/// <param name="Index">Zero-based position of the statement in the text.</param>
/// <param name="StatementType">What kind of statement it is.</param>
/// <param name="ParameterCount">How many parameters the statement takes.</param>
public sealed record DuckDbStatementInfo(int Index, DuckDbStatementType StatementType, int ParameterCount);
