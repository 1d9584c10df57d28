using Pipeline.Aws.S3;
using Pipeline.Core.Datasets;
using Pipeline.Core.Lake;

namespace Pipeline.Aws.Sqs;

/// <summary>
/// Which created objects are arrivals: in the lake's bucket, under its prefix, at <c>raw/&lt;dataset&gt;/&lt;file&gt;</c>
/// with a valid dataset id and a name that is not hidden or temporary.
/// </summary>
public sealed class RawArrivalFilter(string bucket, S3Keys keys)
{
    /// <summary>The dataset and lake key of an arrival, or null when the object is not one.</summary>
    public (string Dataset, string LakeKey)? Match(ObjectCreated created)
    {
        if (created.Bucket != bucket || keys.LakeKey(created.Key) is not { } lakeKey)
        {
            return null;
        }

        var parts = lakeKey.Split('/', 3);
        return parts.Length == 3 && parts[0] == LakeLayout.Raw && DatasetId.IsValid(parts[1]) && parts[2].Length > 0
               && !parts[2].EndsWith('/') && !FileNames.IsTemporary(parts[2])
            ? (parts[1], lakeKey)
            : null;
    }
}
