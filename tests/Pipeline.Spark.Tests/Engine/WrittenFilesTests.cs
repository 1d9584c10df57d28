using Pipeline.Spark.Engine;

namespace Pipeline.Spark.Tests.Engine;

public sealed class WrittenFilesTests
{
    [Fact]
    public void Partition_EncodedHivePath_DecodesValues()
    {
        var partition = WrittenFiles.Partition("zone=New%20York%2FEast/day=2024-01-02/run_0.parquet");

        Assert.Equal(new Dictionary<string, string> { ["zone"] = "New York/East", ["day"] = "2024-01-02" }, partition);
    }

    [Fact]
    public void Partition_NullFolder_KeepsHiveDefaultName()
    {
        var partition = WrittenFiles.Partition("zone=__HIVE_DEFAULT_PARTITION__/run_0.parquet");

        Assert.Equal("__HIVE_DEFAULT_PARTITION__", partition["zone"]);
    }

    [Fact]
    public void Partition_Unpartitioned_IsEmpty() => Assert.Empty(WrittenFiles.Partition("run_0.parquet"));
}
