using System.Text.RegularExpressions;

namespace Pipeline.Core.Datasets;

/// <summary>
/// Turns a registered definition into a <see cref="DatasetSpec"/>, or into errors keyed by the JSON
/// path of the offending field (as ProblemDetails <c>errors</c>).
/// </summary>
public static partial class DatasetValidator
{
    const int MaxNameLength = 255;
    const int MaxViewSqlLength = 100_000;

    /// <summary>Validates; returns the spec, or null with at least one error.</summary>
    public static DatasetSpec? Validate(string id, DatasetDefinition definition, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, List<string>>();
        void Add(string field, string message) =>
            (found.TryGetValue(field, out var list) ? list : found[field] = []).Add(message);

        if (!DatasetId.IsValid(id))
        {
            Add("id", $"must be {DatasetId.Rule}");
        }

        var format = ParseFormat(definition.Format, Add);
        var csv = definition.Csv ?? new CsvOptions();
        var delimiter = csv.Delimiter ?? DatasetDefaults.CsvDelimiter;
        if (delimiter.Length != 1 || char.IsControl(delimiter[0]) && delimiter != "\t")
        {
            Add("csv.delimiter", "must be one character (a tab is allowed)");
        }

        var quote = csv.Quote ?? DatasetDefaults.CsvQuote;
        if (quote.Length > 1)
        {
            Add("csv.quote", "must be one character, or empty for no quoting");
        }

        var nullString = csv.NullString ?? DatasetDefaults.CsvNullString;
        var encoding = ParseEncoding(csv.Encoding, Add);
        var badLines = definition.MaxBadLineRatio ?? DatasetDefaults.MaxBadLineRatio;
        if (badLines is < 0 or > 1 || double.IsNaN(badLines))
        {
            Add("maxBadLineRatio", "must be between 0 (any malformed line quarantines the file) and 1 (keep every line that can be read)");
        }

        var schema = ValidateSchema(definition.Schema, Add);
        var partitions = ValidatePartitions(definition.PartitionBy, Add);
        var primaryKey = ValidateNames(definition.PrimaryKey, "primaryKey", Add);
        var maxFiles = Range(definition.Batch?.MaxFiles, DatasetDefaults.BatchMaxFiles, 1, DatasetDefaults.BatchMaxFilesLimit, "batch.maxFiles", Add);
        var maxWait = Range(definition.Batch?.MaxWaitSeconds, DatasetDefaults.BatchMaxWaitSeconds, 0, DatasetDefaults.BatchMaxWaitSecondsLimit, "batch.maxWaitSeconds", Add);
        var attempts = Range(definition.Retry?.MaxAttempts, DatasetDefaults.RetryMaxAttempts, 1, DatasetDefaults.RetryMaxAttemptsLimit, "retry.maxAttempts", Add);
        var baseDelay = definition.Retry?.BaseDelaySeconds ?? DatasetDefaults.RetryBaseDelaySeconds;
        if (baseDelay is < 0 or > 3600 || double.IsNaN(baseDelay))
        {
            Add("retry.baseDelaySeconds", "must be between 0 and 3600");
        }

        var views = ValidateViews(id, definition.Views, Add);
        ValidateTimeFormat(definition.TimestampFormat, "timestampFormat", Add);
        ValidateTimeFormat(definition.DateFormat, "dateFormat", Add);
        var expectations = Expectations.ExpectationValidator.Validate(definition.Expectations, Add);
        var drift = ParseDrift(definition.SchemaDrift, Add);
        if (definition.EmrAboveBytes is < 0)
        {
            Add("emrAboveBytes", "must be 0 or more bytes");
        }

        errors = found.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        return errors.Count > 0
            ? null
            : new DatasetSpec(id, format, delimiter, quote, csv.Header ?? true, nullString, schema, partitions, primaryKey,
                maxFiles, maxWait, attempts, baseDelay, views, definition.TrimStrings ?? true, definition.TimestampFormat, definition.DateFormat,
                (csv.Delimiter is null ? CsvDeclared.None : CsvDeclared.Delimiter) | (csv.Quote is null ? CsvDeclared.None : CsvDeclared.Quote)
                | (csv.Header is null ? CsvDeclared.None : CsvDeclared.Header), encoding, badLines, expectations, drift, definition.EmrAboveBytes);
    }

    static void ValidateTimeFormat(string? format, string field, Action<string, string> add)
    {
        if (format is null)
        {
            return;
        }

        if (format.Length is 0 or > 100 || format.Any(char.IsControl))
        {
            add(field, "must be 1-100 characters without control characters");
            return;
        }

        TimeFormat.Parse(format, out var problem);
        if (problem is not null)
        {
            add(field, $"'{format}': {problem}");
        }
    }

    static CsvEncoding ParseEncoding(string? text, Action<string, string> add)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "utf-8" or "utf8": return CsvEncoding.Utf8;
            case "latin-1" or "latin1" or "iso-8859-1": return CsvEncoding.Latin1;
            case "utf-16" or "utf16": return CsvEncoding.Utf16;
            default: add("csv.encoding", $"'{text}' is not one of utf-8, latin-1 (iso-8859-1), utf-16"); return CsvEncoding.Utf8;
        }
    }

    static SchemaDrift ParseDrift(string? text, Action<string, string> add)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "evolve": return SchemaDrift.Evolve;
            case "freeze": return SchemaDrift.Freeze;
            case "discardcolumns": return SchemaDrift.DiscardColumns;
            default: add("schemaDrift", $"'{text}' is not one of evolve, freeze, discardColumns"); return SchemaDrift.Evolve;
        }
    }

    static DataFormat ParseFormat(string? text, Action<string, string> add)
    {
        switch (text?.ToLowerInvariant())
        {
            case "csv": return DataFormat.Csv;
            case "json": return DataFormat.Json;
            case "ndjson": return DataFormat.NdJson;
            case "parquet": return DataFormat.Parquet;
            case "auto": return DataFormat.Auto;
            case null: add("format", "is required: csv, json, ndjson, parquet or auto"); return DataFormat.Auto;
            default: add("format", $"'{text}' is not one of csv, json, ndjson, parquet, auto"); return DataFormat.Auto;
        }
    }

    static Dictionary<string, string> ValidateSchema(Dictionary<string, string>? schema, Action<string, string> add)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, type) in schema ?? [])
        {
            if (!IsName(column))
            {
                add($"schema.{column}", "column names must be 1-255 characters without control characters");
            }
            else if (string.IsNullOrWhiteSpace(type) || !TypeName().IsMatch(type))
            {
                add($"schema.{column}", $"'{type}' is not a type name (for example BIGINT, DOUBLE, DECIMAL(10,2), TIMESTAMP, DATE, VARCHAR)");
            }
            else
            {
                result[column] = type.Trim();
            }
        }

        return result;
    }

    static List<PartitionColumn> ValidatePartitions(List<string>? entries, Action<string, string> add)
    {
        var result = new List<PartitionColumn>();
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var parsed = PartitionColumn.Parse(entries![i] ?? "");
            if (parsed is null)
            {
                add($"partitionBy[{i}]", $"'{entries[i]}' must be a column name or year|month|day|hour(column), " +
                    "the name 1-255 characters without control characters");
            }
            else if (result.Any(p => string.Equals(p.Name, parsed.Name, StringComparison.OrdinalIgnoreCase)))
            {
                add($"partitionBy[{i}]", $"'{parsed.Name}' is listed twice");
            }
            else
            {
                result.Add(parsed);
            }
        }

        return result;
    }

    static List<string> ValidateNames(List<string>? names, string field, Action<string, string> add)
    {
        var result = new List<string>();
        for (var i = 0; i < (names?.Count ?? 0); i++)
        {
            if (!IsName(names![i]))
            {
                add($"{field}[{i}]", "must be a column name of 1-255 characters without control characters");
            }
            else if (result.Contains(names[i], StringComparer.OrdinalIgnoreCase))
            {
                add($"{field}[{i}]", $"'{names[i]}' is listed twice");
            }
            else
            {
                result.Add(names[i]);
            }
        }

        return result;
    }

    static Dictionary<string, string> ValidateViews(string id, Dictionary<string, string>? views, Action<string, string> add)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, sql) in views ?? [])
        {
            if (!DatasetId.IsValid(name) || name == id)
            {
                add($"views.{name}", $"view names must be {DatasetId.Rule} and differ from the dataset id");
            }
            else if (string.IsNullOrWhiteSpace(sql) || sql.Length > MaxViewSqlLength)
            {
                add($"views.{name}", $"must be a SELECT statement of at most {MaxViewSqlLength} characters");
            }
            else
            {
                result[name] = sql;
            }
        }

        return result;
    }

    static int Range(int? value, int fallback, int min, int max, string field, Action<string, string> add)
    {
        var v = value ?? fallback;
        if (v < min || v > max)
        {
            add(field, $"must be between {min} and {max}");
        }

        return v;
    }

    /// <summary>A column name: 1-255 characters without control characters (compared ignoring case, as DuckDB does).</summary>
    internal static bool IsName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxNameLength && !name.Any(char.IsControl);

    // Type names only: no quotes, semicolons or comments can pass, so a type never carries SQL.
    [GeneratedRegex(@"^\s*[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\[\d*\])*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();
}
