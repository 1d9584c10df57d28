namespace Pipeline.Aws.Glue;

/// <summary>
/// A data file as the Glue catalog keeps it, in its partition's (or an unpartitioned table's) parameters: the
/// commit that wrote it decides whether a reader sees it (<see cref="GlueTableState.Visible"/>).
/// </summary>
public sealed record GlueFileEntry(string Key, string Run, long Commit, long Rows, long Bytes, Dictionary<string, string> Partition);
