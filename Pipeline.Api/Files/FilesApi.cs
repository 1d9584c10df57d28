using Pipeline.Api.Grains;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Pipeline.Api.Datasets;
using Pipeline.Api.Hosting;
using Pipeline.Api.Security;
using Pipeline.Core.Datasets;
using Pipeline.Core.Grains;
using Pipeline.Core.Lake;

namespace Pipeline.Api.Files;

/// <summary><c>POST /api/datasets/{id}/files?name=</c>: the raw request body becomes a file in the raw zone.</summary>
public static class FilesApi
{
    /// <summary>Maps the upload route.</summary>
    public static RouteHandlerBuilder MapFilesApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/datasets/{id}/files", UploadAsync).WithTags("Files").WithName("UploadFile").RequireRole(ApiRole.Writer)
            .WithSummary("Uploads one file (the raw request body, streamed) into the dataset's raw zone; 202 {key, size, duplicate}.")
            .Produces<UploadResult>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    static async Task<IResult> UploadAsync(
        string id, string? name, HttpContext context, ClusterConnection cluster, ILakeStore lake, IOptions<ApiOptions> options, CancellationToken ct)
    {
        if (DatasetIdCheck.Problem(id) is { } bad)
        {
            return bad;
        }

        if (FileNames.Validate(name) is { } reason)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"The file name {reason}."] });
        }

        // An unregistered dataset is refused (404) before its bytes are stored.
        var dataset = cluster.Grains.GetGrain<IDatasetGrain>(id);
        await dataset.GetStatusAsync(ct);

        var limit = options.Value.MaxUploadBytes;
        if (context.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        // Kestrel's default 30 MB cap does not fit data files; our own limit applies while streaming.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        LakeObject stored;
        try
        {
            stored = await lake.PutAsync($"{LakeLayout.Raw}/{id}/{name}", context.Request.Body, limit, ct);
        }
        catch (UploadTooLargeException)
        {
            return TooLarge(limit);
        }

        var recorded = await dataset.RecordArrivalsAsync([new ArrivalNotice(stored.Key, stored.ETag, stored.Size, Activity.Current?.Id)], ct);
        return TypedResults.Accepted((string?)null, new UploadResult(stored.Key, stored.Size, recorded.Recorded == 0));
    }

    static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        $"The file is larger than the upload limit of {limit} bytes (Pipeline__MaxUploadBytes).",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");
}
