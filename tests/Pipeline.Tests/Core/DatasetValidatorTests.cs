using Pipeline.Core.Datasets;

namespace Pipeline.Tests.Core;

public sealed class DatasetValidatorTests
{
    [Fact]
    public void Validate_OnlyFormat_AppliesDefaults()
    {
        var spec = DatasetValidator.Validate("trips", new DatasetDefinition { Format = "csv" }, out var errors);

        Assert.Empty(errors);
        Assert.Equal(DataFormat.Csv, spec!.Format);
        Assert.Equal(",", spec.CsvDelimiter);
        Assert.True(spec.CsvHeader);
        Assert.Equal(100, spec.BatchMaxFiles);
        Assert.Equal(0, spec.BatchMaxWaitSeconds);
        Assert.Equal(5, spec.RetryMaxAttempts);
        Assert.True(spec.TrimStrings);
    }

    [Fact]
    public void Validate_PartitionBy_ParsesDerivedColumns()
    {
        var spec = DatasetValidator.Validate("trips",
            new DatasetDefinition { Format = "csv", PartitionBy = ["vendor_id", "day(pickup_datetime)", "HOUR(ts)"] }, out _);

        Assert.Equal(
            [("vendor_id", "vendor_id", PartitionTransform.Identity), ("pickup_datetime_day", "pickup_datetime", PartitionTransform.Day), ("ts_hour", "ts", PartitionTransform.Hour)],
            spec!.PartitionBy.Select(p => (p.Name, p.Source, p.Transform)));
    }

    [Fact]
    public void Validate_SameColumnTwiceInAnotherCase_ReportedTwiceListed()
    {
        Assert.Null(DatasetValidator.Validate("trips",
            new DatasetDefinition { Format = "csv", PartitionBy = ["ts", "TS"], PrimaryKey = ["id", "ID"] }, out var errors));

        Assert.Equal(("'TS' is listed twice", "'ID' is listed twice"), (Assert.Single(errors["partitionBy[1]"]), Assert.Single(errors["primaryKey[1]"])));
    }

    [Fact]
    public void Validate_PartitionByNamesWithSpaces_AcceptedWithDerivedNames()
    {
        var spec = DatasetValidator.Validate("strikes",
            new DatasetDefinition { Format = "csv", PartitionBy = ["year( Flight Date )", "Origin State", "Cost $"] }, out var errors);

        Assert.Empty(errors);
        Assert.Equal(["Flight Date_year", "Origin State", "Cost $"], spec!.PartitionBy.Select(p => p.Name));
        Assert.Equal("Flight Date", spec.PartitionBy[0].Source);
    }

    [Theory]
    [InlineData("%Y-%m-%dT%H:%M:%S", "yyyy-MM-dd'T'HH:mm:ss")]
    [InlineData("%-m/%-d/%Y %I:%M %p", "M/d/yyyy hh:mm a")]
    [InlineData("%d.%m.%Y [%H] 100%% o'clock", "dd.MM.yyyy' ['HH'] 100% o''clock'")]
    public void TimeFormat_ValidStrptime_AcceptedAndTranslatedToJavaPattern(string format, string java)
    {
        var spec = DatasetValidator.Validate("trips", new DatasetDefinition { Format = "csv", TimestampFormat = format, DateFormat = "%b %d %Y" }, out var errors);

        Assert.Empty(errors);
        Assert.Equal((format, "%b %d %Y"), (spec!.TimestampFormat, spec.DateFormat));
        Assert.Equal(java, TimeFormat.ToJava(format));
    }

    [Theory]
    [InlineData("timestampFormat", "%Y-%m-%d %Q", "'%Q' is not a supported specifier")]
    [InlineData("timestampFormat", "%Y-%m-%d %", "'%' is not a supported specifier")]
    [InlineData("dateFormat", "yyyy-MM-dd", "has no specifier")]
    [InlineData("dateFormat", "%m/%d/%y", "'%y' is not a supported specifier")]
    [InlineData("dateFormat", "", "must be 1-100 characters")]
    public void TimeFormat_Invalid_ReportsTheFieldAndWhy(string field, string format, string reason)
    {
        var definition = field == "dateFormat"
            ? new DatasetDefinition { Format = "csv", DateFormat = format }
            : new DatasetDefinition { Format = "csv", TimestampFormat = format };

        Assert.Null(DatasetValidator.Validate("trips", definition, out var errors));

        Assert.Contains(reason, Assert.Single(errors[field]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Trips")]
    [InlineData("1trips")]
    [InlineData("trips-2024")]
    [InlineData("")]
    [InlineData("../etc")]
    public void Validate_BadId_ReportsIdField(string id)
    {
        Assert.Null(DatasetValidator.Validate(id, new DatasetDefinition { Format = "csv" }, out var errors));
        Assert.Contains("id", errors.Keys);
    }

    [Fact]
    public void Validate_ManyMistakes_ReportsEachFieldByPath()
    {
        var definition = new DatasetDefinition
        {
            Format = "xml",
            Csv = new CsvOptions { Delimiter = ";;", Encoding = "cp1252" },
            MaxBadLineRatio = 2,
            Schema = new Dictionary<string, string> { ["fare"] = "DECIMAL(10,2); DROP TABLE x" },
            PartitionBy = ["week(ts)"],
            Batch = new BatchPolicy { MaxFiles = 0 },
            Retry = new RetryPolicy { MaxAttempts = 100 },
            Views = new Dictionary<string, string> { ["trips"] = "SELECT 1" },
        };

        Assert.Null(DatasetValidator.Validate("trips", definition, out var errors));

        Assert.Equal(
            ["batch.maxFiles", "csv.delimiter", "csv.encoding", "format", "maxBadLineRatio", "partitionBy[0]", "retry.maxAttempts", "schema.fare", "views.trips"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_MissingFormat_IsRequired()
    {
        Assert.Null(DatasetValidator.Validate("trips", new DatasetDefinition(), out var errors));
        Assert.Contains("required", errors["format"][0]);
    }

    [Theory]
    [InlineData(null, CsvEncoding.Utf8)]
    [InlineData("UTF-8", CsvEncoding.Utf8)]
    [InlineData("iso-8859-1", CsvEncoding.Latin1)]
    [InlineData("latin-1", CsvEncoding.Latin1)]
    [InlineData("utf-16", CsvEncoding.Utf16)]
    public void Validate_CsvEncoding_NamesOneDuckDbReadsWithoutAnExtension(string? encoding, CsvEncoding expected)
    {
        var spec = DatasetValidator.Validate("trips", new DatasetDefinition { Format = "csv", Csv = new CsvOptions { Encoding = encoding } }, out _);

        Assert.Equal(expected, spec!.CsvEncoding);
        Assert.Equal(DatasetDefaults.MaxBadLineRatio, spec.MaxBadLineRatio);
    }
}
