using System.Globalization;
using System.Text;
using Pipeline.Core.Grains;
using Pipeline.Core.Queries;

namespace Pipeline.Silo.Queries;

public sealed partial class QueryGrain
{
    /// <summary>Largest page of results.</summary>
    public const int MaxPageSize = 10_000;

    public async Task<ResultPageData> GetResultsAsync(int pageSize, string? pageToken, CancellationToken cancellationToken = default)
    {
        RequireStarted();
        if (State.State != QueryState.Succeeded || State.RowsKey is null)
        {
            throw new GrainException(GrainErrorKind.Conflict, $"Query {Id} is {Execution().State}; results exist only once it succeeded.");
        }

        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = State.Statistics?.Rows ?? 0;
        if (DecodeToken(pageToken) is not { } offset || offset > total)
        {
            throw new GrainException(GrainErrorKind.Invalid, "pageToken is not a token this query returned.",
                new Dictionary<string, string[]> { ["pageToken"] = ["is not a token this query returned"] });
        }

        var rows = new StringBuilder("[");
        var taken = 0;
        var path = await lake.GetLocalPathAsync(State.RowsKey, cancellationToken);
        foreach (var line in File.ReadLines(path).Skip((int)offset).Take(size))
        {
            rows.Append(taken++ == 0 ? "" : ",").Append(line);
        }

        var next = offset + taken < total ? EncodeToken(offset + taken) : null;
        return new ResultPageData(State.Columns, rows.Append(']').ToString(), next);
    }

    static string EncodeToken(long offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture)));

    static long? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("o:", StringComparison.Ordinal) && long.TryParse(text[2..], CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
