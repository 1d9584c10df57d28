namespace Pipeline.Aws.Configuration;

/// <summary>The grain state and arrival log adapter (<c>Pipeline:State</c>).</summary>
public enum StateKind
{
    /// <summary>The silo's SQLite file under the data folder.</summary>
    Sqlite,

    /// <summary>DynamoDB tables (<c>Pipeline:DynamoDb:TablePrefix</c>).</summary>
    DynamoDb,
}
