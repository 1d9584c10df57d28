using System.Text.Json.Nodes;
using Amazon;
using Pipeline.Aws.Glue;
using Pipeline.Aws.Json;
using Pipeline.Aws.Tests.Support;
using Pipeline.Core.Tables;

namespace Pipeline.Aws.Tests.Glue;

/// <summary>
/// What the Glue catalog writes into Glue (a fake Glue of ours, every request checked against Glue's model): tables
/// Athena can read, and commits that a failure part-way leaves unseen.
/// </summary>
public sealed class GlueCatalogFakeServiceTests : IAsyncLifetime
{
    static readonly ColumnInfo[] Columns = [new("trip_id", "BIGINT"), new("fare", "DECIMAL(10,2)"), new("pickup", "TIMESTAMP"), new("vendor", "BIGINT")];

    FakeGlue glue = null!;

    public async Task InitializeAsync() => glue = await FakeGlue.StartAsync();

    GlueCatalog Catalog() => glue.Catalog("lake", "s3://bucket/lake/");

    static CatalogFile File(string run, int vendor, long rows = 10) =>
        new($"processed/trips/vendor={vendor}/{run}-data.parquet", new Dictionary<string, string> { ["vendor"] = $"{vendor}" }, rows, rows * 100);

    static TableCommit Trips(string run, params CatalogFile[] files) =>
        new("trips", "table", "trips", run, "processed/trips/", files, Columns, ["vendor"], ["trip_id"]);

    [Fact]
    public async Task TheTable_IsOneAthenaReads_ItsPartitionsRegisteredWithoutACrawler()
    {
        await Catalog().CommitRunAsync(Trips("run-1", File("run-1", 1), File("run-1", 2)), default);

        var table = glue.Table("lake", "trips")!;
        var descriptor = table["StorageDescriptor"]!;
        Assert.Equal("EXTERNAL_TABLE", (string?)table["TableType"]);
        Assert.Equal("s3://bucket/lake/processed/trips/", (string?)descriptor["Location"]);
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", (string?)descriptor["SerdeInfo"]!["SerializationLibrary"]);
        Assert.Equal("parquet", (string?)table["Parameters"]!["classification"]);
        Assert.Equal(["trip_id:bigint", "fare:decimal(10,2)", "pickup:timestamp"], Names(descriptor["Columns"]!));
        Assert.Equal(["vendor:bigint"], Names(table["PartitionKeys"]!));
        Assert.Equal(["s3://bucket/lake/processed/trips/vendor=1/", "s3://bucket/lake/processed/trips/vendor=2/"],
            glue.Partitions("lake", "trips").Select(p => (string?)p["StorageDescriptor"]!["Location"]));
    }

    [Fact]
    public async Task ACommitCutShortBeforeItsFlip_IsNotSeen_AndItsRetryLandsOnce()
    {
        await Catalog().CommitRunAsync(Trips("run-1", File("run-1", 1)), default);
        var updates = 0;
        glue.Refuse = (operation, _) => operation == "UpdateTable" && ++updates == 2;

        await Assert.ThrowsAsync<AwsServiceException>(() => Catalog().CommitRunAsync(Trips("run-2", File("run-2", 1), File("run-2", 3)), default));

        // Its files are in Glue's partitions, under a commit still pending: no reader sees them.
        Assert.Equal(3, glue.Partitions("lake", "trips").Sum(p => FakeGlue.Files(p).Count));
        Assert.Equal(["processed/trips/vendor=1/run-1-data.parquet"], (await Catalog().SourceAsync("trips", default))!.Keys);
        Assert.Equal(10, (await Catalog().ListAsync(default))[0].Rows);

        glue.Refuse = (_, _) => false;
        await Catalog().CommitRunAsync(Trips("run-2", File("run-2", 1), File("run-2", 3)), default);

        var table = (await Catalog().GetAsync("trips", default))!;
        Assert.Equal((30L, 3), (table.Rows, table.Files));
        Assert.Equal(["processed/trips/vendor=1/run-2-data.parquet", "processed/trips/vendor=3/run-2-data.parquet"], await Catalog().RunFilesAsync("trips", "run-2", default));
        // The entries of the attempt cut short are gone from Glue.
        Assert.Equal(3, glue.Partitions("lake", "trips").Sum(p => FakeGlue.Files(p).Count));
    }

    [Fact]
    public async Task AReprocessCutShortAfterItsFlip_ShowsOnlyTheNewFiles_AndTheNextCommitTidiesUp()
    {
        await Catalog().CommitRunAsync(Trips("run-1", File("run-1", 1), File("run-1", 2)), default);
        glue.Refuse = (operation, _) => operation is "BatchUpdatePartition" or "BatchDeletePartition" && glue.Calls.Count(c => c == "UpdateTable") >= 3;

        await Assert.ThrowsAsync<AwsServiceException>(() => Catalog().CommitRunAsync(Trips("run-1", File("run-1.r1", 1, 4)), default));

        Assert.Equal(["processed/trips/vendor=1/run-1.r1-data.parquet"], (await Catalog().SourceAsync("trips", default))!.Keys);
        Assert.Equal(2, glue.Partitions("lake", "trips").Count);

        glue.Refuse = (_, _) => false;
        await Catalog().CommitRunAsync(Trips("run-2", File("run-2", 1)), default);

        var partitions = glue.Partitions("lake", "trips");
        Assert.Equal(["1"], partitions.Select(p => (string?)p["Values"]![0]));
        Assert.Equal(["processed/trips/vendor=1/run-1.r1-data.parquet", "processed/trips/vendor=1/run-2-data.parquet"],
            FakeGlue.Files(partitions[0]).Select(f => f.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnotherWriterBetweenBeginAndFlip_FailsThisCommit_WhichStaysUnseen()
    {
        await Catalog().CommitRunAsync(Trips("run-1", File("run-1", 1)), default);
        glue.Refuse = (operation, _) =>
        {
            // Just before run-2's flip (the third table update), a commit from elsewhere to the same table goes through whole.
            if (operation == "UpdateTable" && glue.Calls.Count(c => c == "UpdateTable") == 3)
            {
                glue.Refuse = (_, _) => false;
                Catalog().CommitRunAsync(Trips("run-9", File("run-9", 5)), default).GetAwaiter().GetResult();
            }

            return false;
        };

        var thrown = await Assert.ThrowsAsync<AwsServiceException>(() => Catalog().CommitRunAsync(Trips("run-2", File("run-2", 2)), default));

        Assert.Equal("ConcurrentModificationException", thrown.Code);
        Assert.Equal(["processed/trips/vendor=1/run-1-data.parquet", "processed/trips/vendor=5/run-9-data.parquet"],
            (await Catalog().SourceAsync("trips", default))!.Keys);
    }

    [Fact]
    public async Task ATableAnotherToolMadeInTheDatabase_IsLeftAlone()
    {
        await Catalog().CommitRunAsync(Trips("run-1", File("run-1", 1)), default);
        var client = new GlueClient(FakeClients.For(glue.Url, AwsJsonService.Glue, RegionEndpoint.EUWest1, new ImmediateDelays()));
        await client.CreateTableAsync("lake", new TableInput("crawled", TableType: "EXTERNAL_TABLE"), default);

        Assert.Equal(["trips"], (await Catalog().ListAsync(default)).Select(t => t.Name));
        Assert.Null(await Catalog().GetAsync("crawled", default));
    }

    [Theory]
    [InlineData("INTEGER", "int")]
    [InlineData("UBIGINT", "decimal(20,0)")]
    [InlineData("DECIMAL(10, 2)", "decimal(10,2)")]
    [InlineData("TIMESTAMP WITH TIME ZONE", "timestamp")]
    [InlineData("VARCHAR[]", "array<string>")]
    [InlineData("STRUCT(a INTEGER, b MAP(VARCHAR, DOUBLE))", "struct<a:int,b:map<string,double>>")]
    [InlineData("UUID", "string")]
    public void HiveTypes_AreWhatAthenaReadsTheParquetAs(string duckDb, string hive) => Assert.Equal(hive, HiveTypes.Of(duckDb));

    static List<string> Names(JsonNode columns) => [.. columns.AsArray().Select(c => $"{c!["Name"]}:{c["Type"]}")];

    public async Task DisposeAsync()
    {
        var problems = glue.Problems.ToList();
        await glue.DisposeAsync();
        Assert.Empty(problems);
    }
}
