using System.ComponentModel.DataAnnotations;

namespace Pipeline.Aws.DynamoDb;

/// <summary>Grain state in DynamoDB, section <c>Pipeline:DynamoDb</c> (environment: <c>Pipeline__DynamoDb__TablePrefix</c>, ...).</summary>
public sealed class DynamoDbOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pipeline:DynamoDb";

    /// <summary>Prefix of the two table names: <c>&lt;prefix&gt;grains</c> and <c>&lt;prefix&gt;arrivals</c>.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{0,200}$")]
    public string TablePrefix { get; set; } = "pipeline-";

    /// <summary>Create the tables (on-demand billing) at start-up when missing: for development and emulators.</summary>
    public bool CreateTables { get; set; }

    /// <summary>
    /// Partitions of the wake-up index: due grains are queried per shard, so many grains waking at once do
    /// not crowd one index partition. Changing it needs the grains rewritten (they are, on their next write).
    /// </summary>
    [Range(1, 64)]
    public int WakeShards { get; set; } = 1;

    /// <summary>The grain state table.</summary>
    public string GrainsTable => TablePrefix + "grains";

    /// <summary>The arrival log table.</summary>
    public string ArrivalsTable => TablePrefix + "arrivals";
}
