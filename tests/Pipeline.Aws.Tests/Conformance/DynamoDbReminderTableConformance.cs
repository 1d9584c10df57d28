using Pipeline.Aws.Tests.Support;

namespace Pipeline.Aws.Tests.Conformance;

[Collection(AwsCollection.Name)]
public sealed class DynamoDbReminderTableConformance(AwsEmulators emulators) : ReminderTableConformance, IDisposable
{
    readonly TestTables tables = new(emulators);

    protected override IReminderTable CreateTable(string serviceId) => tables.Reminders(serviceId);

    public void Dispose() => tables.Dispose();
}
