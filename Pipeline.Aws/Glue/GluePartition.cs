namespace Pipeline.Aws.Glue;

/// <summary>A Glue partition as the catalog reads and writes it: its values, folder, and the files it holds.</summary>
public sealed record GluePartition(List<string> Values, string? Location, List<GlueFileEntry> Files, List<Column>? Columns = null)
{
    public static GluePartition From(Partition partition) => new(partition.Values, partition.StorageDescriptor?.Location,
        GlueTableState.ReadFiles(partition.Parameters), partition.StorageDescriptor?.Columns);

    /// <summary>The partition to write, with the table's columns (Athena reads a partition with its own).</summary>
    public PartitionInput Input(List<Column>? columns)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        GlueTableState.WriteFiles(parameters, Files);
        return new PartitionInput(Values, new StorageDescriptor(columns, Location, GlueCatalog.InputFormat, GlueCatalog.OutputFormat,
            SerdeInfo: new SerDeInfo(GlueCatalog.ParquetSerDe)), parameters);
    }
}
