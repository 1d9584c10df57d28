using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Pipeline.Silo.Storage;

namespace Pipeline.Aws.Tests.Conformance;

public sealed class SqliteReminderTableConformance : ReminderTableConformance, IDisposable
{
    readonly SqliteFile file = new();

    protected override IReminderTable CreateTable(string serviceId) =>
        new SqliteReminderTable(file.Store, Options.Create(new ClusterOptions { ServiceId = serviceId }));

    public void Dispose() => file.Dispose();
}
