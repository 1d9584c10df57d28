namespace Pipeline.Core.Lake;

/// <summary>
/// The zones of the local lake under <c>&lt;data-dir&gt;/lake/</c>: <c>raw/</c>, <c>processed/</c>,
/// <c>curated/</c>, <c>quarantine/</c> and <c>query-results/</c>.
/// </summary>
public sealed class LakeLayout
{
    /// <summary>Zone folder names.</summary>
    public const string Raw = "raw", Processed = "processed", Curated = "curated", Quarantine = "quarantine", QueryResults = "query-results";

    /// <summary>Every zone, in the order above.</summary>
    public static readonly IReadOnlyList<string> Zones = [Raw, Processed, Curated, Quarantine, QueryResults];

    /// <summary>Uses <c>&lt;dataDir&gt;/lake</c> as the lake root.</summary>
    public LakeLayout(string dataDir)
    {
        Root = Path.GetFullPath(Path.Combine(dataDir, "lake"));
    }

    /// <summary>The lake's root folder.</summary>
    public string Root { get; }

    /// <summary>Absolute path of a zone.</summary>
    public string Zone(string zone) => Path.Combine(Root, zone);

    /// <summary>The folder of one dataset in one zone.</summary>
    public string DatasetFolder(string zone, string dataset) => Path.Combine(Root, zone, dataset);

    /// <summary>Absolute path of a lake key (<c>raw/ds/file.csv</c>); throws when the key escapes the lake.</summary>
    public string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(Root, key));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' is outside the lake", nameof(key));
        }

        return path;
    }

    /// <summary>The key of an absolute path inside the lake, with '/' separators.</summary>
    public string KeyOf(string path) => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Creates every zone folder.</summary>
    public void EnsureCreated()
    {
        foreach (var zone in Zones)
        {
            Directory.CreateDirectory(Zone(zone));
        }
    }
}
