namespace Pipeline.Aws.Configuration;

/// <summary>The lake adapter (<c>Pipeline:Lake</c>).</summary>
public enum LakeKind
{
    /// <summary>Folders under the data folder.</summary>
    Local,

    /// <summary>An S3 bucket (<c>Pipeline:S3:Bucket</c>, optional <c>Pipeline:S3:Prefix</c>).</summary>
    S3,
}
