using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Aws.Configuration;
using Pipeline.Aws.DynamoDb;
using Pipeline.Aws.S3;
using Pipeline.Aws.Sqs;
using Pipeline.Core.Lake;
using Pipeline.Core.State;

namespace Pipeline.Aws.Tests.Configuration;

public sealed class AwsPortsRegistrationTests
{
    static readonly (string, string)[] Aws = [("AWS_REGION", "us-east-1"), ("AWS_ACCESS_KEY_ID", "k"), ("AWS_SECRET_ACCESS_KEY", "s")];

    static ServiceProvider Build(Action<IServiceCollection, IConfiguration> register, params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Concat(Aws).Select(v => KeyValuePair.Create(v.Item1, (string?)v.Item2))).Build();
        var services = new ServiceCollection().AddLogging().AddMetrics().AddSingleton<IConfiguration>(configuration);
        register(services, configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddLakeStore_ByConfiguration_LocalFoldersOrTheBucket()
    {
        using var local = Build((s, c) => s.AddLakeStore(c, _ => "/tmp/data"));
        using var s3 = Build((s, c) => s.AddLakeStore(c, _ => "/tmp/data"), ("Pipeline:Lake", "S3"), ("Pipeline:S3:Bucket", "lake"));

        Assert.IsType<LocalLakeStore>(local.GetRequiredService<ILakeStore>());
        var store = Assert.IsType<S3LakeStore>(s3.GetRequiredService<ILakeStore>());
        Assert.Equal(Path.Combine("/tmp/data", "lake-cache", "raw"), store.LocalRoot(LakeLayout.Raw));
    }

    [Fact]
    public void AddLakeStore_S3WithoutBucket_FailsValidationNamingIt()
    {
        using var provider = Build((s, c) => s.AddLakeStore(c, _ => "/tmp/data"), ("Pipeline:Lake", "S3"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<S3LakeOptions>>().Value);
        Assert.Contains("Bucket", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddGrainState_ByConfiguration_SqliteAdaptersOrDynamoDb()
    {
        using var local = Build((s, c) => s.AddGrainState<FakeStore, FakeLog>(c));
        using var dynamo = Build((s, c) => s.AddGrainState<FakeStore, FakeLog>(c), ("Pipeline:State", "DynamoDb"), ("Pipeline:DynamoDb:TablePrefix", "prod-"));

        Assert.IsType<FakeStore>(local.GetRequiredService<IGrainStateStore>());
        Assert.IsType<DynamoDbGrainStateStore>(dynamo.GetRequiredService<IGrainStateStore>());
        Assert.IsType<DynamoDbArrivalLog>(dynamo.GetRequiredService<IArrivalLog>());
        Assert.Equal("prod-grains", dynamo.GetRequiredService<DynamoDbTables>().Options.GrainsTable);
    }

    [Fact]
    public void AddReminderTable_ByConfiguration_LocalTableOrDynamoDbSharingTheStateTables()
    {
        using var local = Build((s, c) => s.AddReminderTable<FakeReminderTable>(c));
        using var dynamo = Build((s, c) => s.AddGrainState<FakeStore, FakeLog>(c).AddReminderTable<FakeReminderTable>(c),
            ("Pipeline:State", "DynamoDb"), ("Pipeline:DynamoDb:TablePrefix", "prod-"));

        Assert.IsType<FakeReminderTable>(local.GetRequiredService<IReminderTable>());
        Assert.IsType<DynamoDbReminderTable>(dynamo.GetRequiredService<IReminderTable>());
        var tables = Assert.Single(dynamo.GetServices<DynamoDbTables>());
        Assert.Equal("prod-reminders", tables.Options.RemindersTable);
    }

    [Fact]
    public void AddSqsArrivals_OnlyWhenConfigured_AndNeedsAQueue()
    {
        var registered = false;
        using var none = Build((s, c) => registered = s.AddSqsArrivals(c));
        Assert.False(registered);

        using var sqs = Build((s, c) => registered = s.AddSqsArrivals(c), ("Pipeline:Lake", "S3"), ("Pipeline:Arrivals", "Sqs"), ("Pipeline:S3:Bucket", "b"));

        Assert.True(registered);
        var error = Assert.Throws<OptionsValidationException>(() => sqs.GetRequiredService<IOptions<SqsOptions>>().Value);
        Assert.Contains("QueueName or Pipeline:Sqs:QueueUrl", error.Message, StringComparison.Ordinal);
    }

    sealed class FakeStore : IGrainStateStore
    {
        public Task<GrainRecord?> ReadAsync(string key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<long> WriteAsync(string key, string json, long expectedVersion, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task ClearAsync(string key, long expectedVersion, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    sealed class FakeReminderTable : IReminderTable
    {
        public Task<ReminderTableData> ReadRows(GrainId grainId) => throw new NotSupportedException();

        public Task<ReminderTableData> ReadRows(uint begin, uint end) => throw new NotSupportedException();

        public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => throw new NotSupportedException();

        public Task<string?> UpsertRow(ReminderEntry entry) => throw new NotSupportedException();

        public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => throw new NotSupportedException();

        public Task TestOnlyClearTable() => throw new NotSupportedException();
    }

    sealed class FakeLog : IArrivalLog
    {
        public Task<Pipeline.Core.Datasets.ArrivalsRecorded> AddAsync(string dataset, IReadOnlyList<Pipeline.Core.Datasets.ArrivalNotice> notices, DateTimeOffset now,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<PendingSummary> PendingAsync(string dataset, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<long> TotalAsync(string dataset, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> ClaimAsync(string dataset, string runId, int maxFiles, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<ArrivalRecord>> ForRunAsync(string dataset, string runId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
