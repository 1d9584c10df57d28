using Pipeline.Core.Datasets;

namespace Pipeline.Api.Datasets;

/// <summary>The dataset id check every route with an <c>{id}</c> makes first.</summary>
public static class DatasetIdCheck
{
    /// <summary>Null when valid, else a 400 ValidationProblem naming the <c>id</c> field.</summary>
    public static IResult? Problem(string id) => DatasetId.IsValid(id)
        ? null
        : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"'{Truncate(id)}' is not a dataset id: {DatasetId.Rule}"] });

    static string Truncate(string text) => text.Length > 80 ? text[..80] + "..." : text;
}
