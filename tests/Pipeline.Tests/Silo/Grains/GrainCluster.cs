using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;
using Pipeline.Core.Lake;
using Pipeline.Silo.Faults;
using Pipeline.Silo.Grains;
using Pipeline.Silo.State;
using Pipeline.Silo.Storage;
using Pipeline.Silo.Telemetry;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Silo.Grains;

/// <summary>
/// An Orleans test cluster of one silo whose grains keep their state, reminders and arrivals in a real SQLite file,
/// with a scripted stage runner and a clock the test moves. A silo started later finds the same state.
/// </summary>
public sealed class GrainCluster : IAsyncDisposable
{
    static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
    readonly TempFolder folder = new();

    GrainCluster(ManualTimeProvider time)
    {
        Time = time;
        Store = new SqliteStore(folder.Path);
    }

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public ScriptedStageRunner Runner { get; } = new();

    public ManualTimeProvider Time { get; }

    public SqliteStore Store { get; }

    public IGrainFactory Grains => Cluster.Client;

    public ILakeStore Lake { get; private set; } = null!;

    /// <summary>Puts a file into the dataset's raw zone; its notice carries the ETag the lake gives it.</summary>
    public async Task<Pipeline.Core.Datasets.ArrivalNotice> PutRawAsync(string dataset, string name, string content = "id\n1\n")
    {
        var stored = await Lake.PutAsync($"{LakeLayout.Raw}/{dataset}/{name}", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), long.MaxValue);
        return new(stored.Key, stored.ETag, stored.Size);
    }

    public static async Task<GrainCluster> StartAsync(ManualTimeProvider time)
    {
        var grains = new GrainCluster(time);
        var layout = new LakeLayout(grains.folder.Path);
        layout.EnsureCreated();
        grains.Lake = new LocalLakeStore(layout);
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) => host.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureClientHost(host => host.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureSilo((_, silo) =>
        {
            var services = silo.Services;
            services.AddSingleton(grains.Store);
            services.AddSingleton<IGrainStateStore, SqliteGrainStateStore>();
            services.AddSingleton<IArrivalLog, SqliteArrivalLog>();
            services.AddGrainStorage(PipelineGrainStorage.Name, (sp, _) => new PipelineGrainStorage(sp.GetRequiredService<IGrainStateStore>()));
            silo.AddReminders();
            services.AddSingleton<IReminderTable, SqliteReminderTable>();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(5));
            // The grains' clock is the test's; Orleans' own timers keep the real one.
            services.AddSingleton(sp => new GrainServices(
                sp.GetRequiredService<IArrivalLog>(), grains.Lake, grains.Runner, grains.Time,
                new FaultInjector(Options.Create(new FaultOptions())), new RunSpans(), new SiloMetrics(Meters),
                Options.Create(new GrainOptions { ReminderPeriod = TimeSpan.FromMinutes(10) })) { Jitter = () => 1.0 });
        });
        grains.Cluster = builder.Build();
        await grains.Cluster.DeployAsync();
        return grains;
    }

    /// <summary>Kills the silo (a stop with a cancelled token) and starts another on the same store.</summary>
    public async Task RestartSiloAsync()
    {
        await Cluster.KillSiloAsync(Cluster.Silos[0]);
        await Cluster.StartAdditionalSiloAsync();
        await Cluster.WaitForLivenessToStabilizeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
