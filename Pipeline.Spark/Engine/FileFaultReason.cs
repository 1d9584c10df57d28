using System.Text.RegularExpressions;
using Pipeline.Core.Transform;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Pipeline.Spark.DuckDb;
using Pipeline.Spark.Planning;
using Pipeline.Spark.Sql;

namespace Pipeline.Spark.Engine;

/// <summary>
/// The reason a quarantined file shows: "invalid CSV in trips.csv: line 3 has 1 field where 2 are expected: 2".
/// What the bytes say comes first (UTF-16, binary, a cut Parquet footer), then DuckDB's error in plain words,
/// then DuckDB's own text when it is not one this engine knows.
/// </summary>
internal static partial class FileFaultReason
{
    /// <summary>The reason for a file DuckDB failed to read with <paramref name="error"/> (a CSV file read as <paramref name="csv"/>).</summary>
    public static string For(DuckDBConnection connection, TransformRequest request, TransformInput input, SourceFormat format, CsvDialect? csv,
        DuckDBException error, CancellationToken cancellationToken)
    {
        var problem = ContentCheck.Problem(input.Path, format, request.Spec.CsvEncoding) ?? format switch
        {
            SourceFormat.Csv => CsvProblem(connection, request, input.Path, csv ?? FormatResolver.DeclaredCsv(request.Spec, input.Path), error.Message, cancellationToken),
            SourceFormat.Parquet => ParquetProblem(error.Message),
            _ => JsonErrorText.Plain(error.Message),
        };
        return Format(input, format, problem ?? DuckDbText(error.Message));
    }

    /// <summary>A reason in the common form: what kind of file, which one, and the problem.</summary>
    public static string Format(TransformInput input, SourceFormat format, string problem) =>
        $"invalid {Kind(format)} in {FileName(input)}: {problem}";

    /// <summary>The last segment of the raw key: the name the user gave the file.</summary>
    public static string FileName(TransformInput input) => input.SourceKey[(input.SourceKey.LastIndexOf('/') + 1)..];

    static string Kind(SourceFormat format) => format switch
    {
        SourceFormat.Csv => "CSV",
        SourceFormat.Parquet => "Parquet",
        _ => "JSON",
    };

    static string? CsvProblem(DuckDBConnection connection, TransformRequest request, string path, CsvDialect csv, string message, CancellationToken cancellationToken)
    {
        if (!CsvErrorText.NamesNoLine(message))
        {
            return CsvErrorText.Plain(message);
        }

        // A strict read with the first record's field count stops at the first bad line, and names it.
        int fields;
        try
        {
            var head = CsvFirstRecord.Head(path);
            if (CsvFirstRecord.MixedLineBreaks(head.Span, csv.Quote) is { } mixed)
            {
                return mixed;
            }

            fields = CsvFirstRecord.FieldCount(head.Span, csv.Delimiter, csv.Quote);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return CsvErrorText.Plain(message);
        }

        foreach (var parallel in (bool[])[true, false])
        {
            try
            {
                connection.Scalar<long>($"SELECT count(*) FROM {DuckDbReads.StrictCsv(path, request, csv, fields, parallel)}", cancellationToken);
                return "DuckDB could not detect its CSV layout with the dataset's delimiter and quote";
            }
            catch (DuckDBException strict) when (!cancellationToken.IsCancellationRequested && strict.Category() != DuckDBErrorType.Interrupt)
            {
                if (CsvErrorText.Plain(strict.Message) is { } problem)
                {
                    return problem;
                }
            }
        }

        return CsvErrorText.Plain(message);
    }

    static string? ParquetProblem(string message)
    {
        var match = UnreadableParquet().Match(message);
        return match.Success ? $"its data cannot be read ({match.Groups[1].Value.Trim()})" : null;
    }

    static string DuckDbText(string message)
    {
        const string prefix = "Invalid Input Error: ";
        var text = DuckDbFaults.Clean(message);
        return text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
    }

    [GeneratedRegex(@"Failed to read file "".*"": ([^\n]+)", RegexOptions.CultureInvariant)]
    private static partial Regex UnreadableParquet();
}
