using System.ComponentModel.DataAnnotations;

namespace Pipeline.Aws.DynamoDb;

/// <summary>Grain state, arrivals and reminders in DynamoDB, section <c>Pipeline:DynamoDb</c> (environment: <c>Pipeline__DynamoDb__TablePrefix</c>, ...).</summary>
public sealed class DynamoDbOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pipeline:DynamoDb";

    /// <summary>Prefix of the table names: <c>&lt;prefix&gt;grains</c>, <c>&lt;prefix&gt;arrivals</c> and <c>&lt;prefix&gt;reminders</c>.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{0,200}$")]
    public string TablePrefix { get; set; } = "pipeline-";

    /// <summary>Create the tables (on-demand billing) at start-up when missing: for development and emulators.</summary>
    public bool CreateTables { get; set; }

    /// <summary>The grain state table.</summary>
    public string GrainsTable => TablePrefix + "grains";

    /// <summary>The arrival log table.</summary>
    public string ArrivalsTable => TablePrefix + "arrivals";

    /// <summary>The Orleans reminder table.</summary>
    public string RemindersTable => TablePrefix + "reminders";
}
