using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Spark.Engine;
using Pipeline.Spark.Tests.Support;

namespace Pipeline.Spark.Tests.Engine;

public sealed class SpecErrorTests : IDisposable
{
    readonly TempFolder _folder = new();

    public static TheoryData<DatasetDefinition, string> WrongSpecs => new()
    {
        { new DatasetDefinition { Format = "csv", Schema = new() { ["tip_amount"] = "DOUBLE" } }, "Declared column 'tip_amount'" },
        { new DatasetDefinition { Format = "csv", PartitionBy = ["day(dropoff)"] }, "Partition column 'dropoff'" },
        { new DatasetDefinition { Format = "csv", PrimaryKey = ["trip_id"] }, "Primary key column 'trip_id'" },
        { new DatasetDefinition { Format = "csv", PartitionBy = ["day(at)"], Schema = new() { ["at_day"] = "DATE" } }, "'at_day'" },
    };

    [Theory]
    [MemberData(nameof(WrongSpecs))]
    public async Task RunAsync_SpecColumnNotInData_ThrowsNonTransientNamingColumn(DatasetDefinition definition, string expected)
    {
        var request = Specs.Request(Specs.Spec(definition), _folder, [_folder.Write("a.csv", "id,at,at_day\n1,2024-01-01 00:00:00,x\n")]);

        var error = await Assert.ThrowsAsync<TransformException>(() => new DuckDbTransformEngine().RunAsync(request));

        Assert.False(error.Transient);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InputFileGone_ThrowsTransient()
    {
        var request = Specs.Request(Specs.Taxi(), _folder, [_folder["never-written.csv"]]);

        var error = await Assert.ThrowsAsync<TransformException>(() => new DuckDbTransformEngine().RunAsync(request));

        Assert.True(error.Transient);
    }

    [Fact]
    public async Task RunAsync_InputInsideOutputDir_ThrowsWithoutDeletingIt()
    {
        var input = _folder.Write("out/a.csv", "id\n1\n");
        var request = Specs.Request(Specs.Taxi(), _folder, [input]);

        var error = await Assert.ThrowsAsync<TransformException>(() => new DuckDbTransformEngine().RunAsync(request));

        Assert.False(error.Transient);
        Assert.True(File.Exists(input));
    }

    public void Dispose() => _folder.Dispose();
}
