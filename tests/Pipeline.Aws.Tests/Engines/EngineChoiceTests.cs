using Pipeline.Core.Datasets;
using Pipeline.Core.Transform;
using Pipeline.Silo.Engines;

namespace Pipeline.Aws.Tests.Engines;

/// <summary>Which engine a run gets, and the reason it shows.</summary>
public sealed class EngineChoiceTests : IDisposable
{
    readonly TempFolder folder = new();

    TransformRequest Run(long[] sizes, long? datasetThreshold = null)
    {
        var files = sizes.Select((size, i) =>
        {
            var path = Path.Combine(folder.Path, $"f{i}.csv");
            File.WriteAllBytes(path, new byte[size]);
            return new TransformInput(path, $"raw/trips/f{i}.csv", i + 1);
        }).ToList();
        var spec = DatasetValidator.Validate("trips", new DatasetDefinition { Format = "csv", EmrAboveBytes = datasetThreshold }, out _)!;
        return new TransformRequest(spec, "run-000001", DateTimeOffset.UtcNow, files, Path.Combine(folder.Path, "out"), Path.Combine(folder.Path, "q"));
    }

    static TransformOptions Auto => new() { Engine = TransformEngineKind.Auto, EmrAboveBytes = 1_000_000 };

    [Fact]
    public void Auto_ASmallBatch_StaysOnDuckDb() =>
        Assert.Equal(("duckdb", "600 kB in 2 files, within the default EMR threshold of 1 MB"),
            Pair(CostRoutedTransformEngine.Choose(Run([400_000, 200_000]), Auto)));

    [Fact]
    public void Auto_ABigBatch_GoesToEmr() =>
        Assert.Equal(("emr", "1.2 MB in 3 files, over the default EMR threshold of 1 MB"),
            Pair(CostRoutedTransformEngine.Choose(Run([400_000, 400_000, 400_000]), Auto)));

    [Fact]
    public void Auto_TheDatasetsThreshold_WinsOverTheDefault() =>
        Assert.Equal(("emr", "600 B in 1 file, over the dataset's EMR threshold of 500 B"),
            Pair(CostRoutedTransformEngine.Choose(Run([600], datasetThreshold: 500), Auto)));

    [Fact]
    public void AFixedEngine_IsUsedWhateverTheSize_AndSaysSo() =>
        Assert.Equal(("emr", "1 kB in 1 file; Pipeline:Transform:Engine is Emr"),
            Pair(CostRoutedTransformEngine.Choose(Run([1000]), new TransformOptions { Engine = TransformEngineKind.Emr })));

    [Fact]
    public void ANegativeThreshold_IsRefusedAtRegistration()
    {
        DatasetValidator.Validate("trips", new DatasetDefinition { Format = "csv", EmrAboveBytes = -1 }, out var errors);

        Assert.Equal(["must be 0 or more bytes"], errors["emrAboveBytes"]);
    }

    static (string, string) Pair(Core.Runs.EngineChoice choice) => (choice.Engine, choice.Reason);

    public void Dispose() => folder.Dispose();
}
