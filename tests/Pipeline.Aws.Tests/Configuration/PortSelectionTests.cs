using Microsoft.Extensions.Configuration;
using Pipeline.Aws.Configuration;

namespace Pipeline.Aws.Tests.Configuration;

public sealed class PortSelectionTests
{
    static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void From_NothingSet_IsLocal() =>
        Assert.Equal(new PortSelection(LakeKind.Local, ArrivalsKind.Local, StateKind.Sqlite), PortSelection.From(Config()));

    [Fact]
    public void From_AwsEverywhere_CaseInsensitive() =>
        Assert.Equal(new PortSelection(LakeKind.S3, ArrivalsKind.Sqs, StateKind.DynamoDb, CatalogKind.Glue),
            PortSelection.From(Config(("Pipeline:Lake", "s3"), ("Pipeline:Arrivals", "SQS"), ("Pipeline:State", "dynamodb"), ("Pipeline:Catalog", "glue"))));

    [Theory]
    [InlineData("Pipeline:Lake", "Azure", "Pipeline:Lake is 'Azure'; expected one of: Local, S3")]
    [InlineData("Pipeline:State", "Postgres", "Pipeline:State is 'Postgres'; expected one of: Sqlite, DynamoDb")]
    [InlineData("Pipeline:Arrivals", "Sqs", "Pipeline:Arrivals=Sqs needs Pipeline:Lake=S3")]
    [InlineData("Pipeline:Catalog", "Glue", "Pipeline:Catalog=Glue needs Pipeline:Lake=S3")]
    [InlineData("Pipeline:Catalog", "Hive", "Pipeline:Catalog is 'Hive'; expected one of: Sqlite, Glue")]
    public void From_Invalid_NamesTheSetting(string key, string value, string message) =>
        Assert.Contains(message, Assert.Throws<InvalidOperationException>(() => PortSelection.From(Config((key, value)))).Message, StringComparison.Ordinal);
}
