namespace Pipeline.Spark.Sql;

/// <summary>One reason a row can be set aside: a predicate over the staged raw row, and the text naming it.</summary>
/// <param name="Predicate">True when the row fails this check (never NULL).</param>
/// <param name="Reason">Text expression naming the column and the value.</param>
internal sealed record RowCheck(string Predicate, string Reason);
