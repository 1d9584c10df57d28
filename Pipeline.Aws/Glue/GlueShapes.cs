namespace Pipeline.Aws.Glue;

// The members of the Glue model's shapes that the catalog uses, named as the model names them
// (../shared/aws-models/glue/service-2.json); the tests check every request against the model.

public sealed record DatabaseInput(string Name, string? Description = null, string? LocationUri = null, Dictionary<string, string>? Parameters = null);

public sealed record Database(string Name, string? Description = null, string? LocationUri = null, Dictionary<string, string>? Parameters = null,
    DateTimeOffset? CreateTime = null);

public sealed record Column(string Name, string? Type = null, string? Comment = null);

public sealed record SerDeInfo(string? SerializationLibrary = null, Dictionary<string, string>? Parameters = null);

public sealed record StorageDescriptor(
    List<Column>? Columns = null, string? Location = null, string? InputFormat = null, string? OutputFormat = null, bool? Compressed = null,
    SerDeInfo? SerdeInfo = null, Dictionary<string, string>? Parameters = null);

public sealed record TableInput(
    string Name, string? Description = null, StorageDescriptor? StorageDescriptor = null, List<Column>? PartitionKeys = null, string? TableType = null,
    Dictionary<string, string>? Parameters = null, string? ViewOriginalText = null, string? ViewExpandedText = null);

public sealed record Table(
    string Name, string? DatabaseName = null, string? Description = null, StorageDescriptor? StorageDescriptor = null, List<Column>? PartitionKeys = null,
    string? TableType = null, Dictionary<string, string>? Parameters = null, DateTimeOffset? CreateTime = null, DateTimeOffset? UpdateTime = null,
    string? VersionId = null);

public sealed record PartitionInput(List<string> Values, StorageDescriptor? StorageDescriptor = null, Dictionary<string, string>? Parameters = null);

public sealed record Partition(List<string> Values, string? DatabaseName = null, string? TableName = null, StorageDescriptor? StorageDescriptor = null,
    Dictionary<string, string>? Parameters = null, DateTimeOffset? CreationTime = null);

public sealed record PartitionValueList(List<string> Values);

public sealed record ErrorDetail(string? ErrorCode = null, string? ErrorMessage = null);

public sealed record PartitionError(List<string>? PartitionValues = null, ErrorDetail? ErrorDetail = null);

// Requests and responses.
public sealed record CreateDatabaseRequest(DatabaseInput DatabaseInput, string? CatalogId = null, Dictionary<string, string>? Tags = null);

public sealed record GetDatabaseRequest(string Name, string? CatalogId = null);

public sealed record GetDatabaseResponse(Database? Database);

public sealed record UpdateDatabaseRequest(string Name, DatabaseInput DatabaseInput, string? CatalogId = null);

public sealed record CreateTableRequest(string DatabaseName, TableInput TableInput, string? CatalogId = null);

public sealed record GetTableRequest(string DatabaseName, string Name, string? CatalogId = null);

public sealed record GetTableResponse(Table? Table);

public sealed record GetTablesRequest(string DatabaseName, string? NextToken = null, string? CatalogId = null, string? Expression = null, int? MaxResults = null);

public sealed record GetTablesResponse(List<Table>? TableList, string? NextToken);

public sealed record UpdateTableRequest(string DatabaseName, TableInput TableInput, string? CatalogId = null, bool? SkipArchive = null, string? VersionId = null);

public sealed record BatchCreatePartitionRequest(string DatabaseName, string TableName, List<PartitionInput> PartitionInputList, string? CatalogId = null);

public sealed record BatchCreatePartitionResponse(List<PartitionError>? Errors);

public sealed record BatchUpdatePartitionRequestEntry(List<string> PartitionValueList, PartitionInput PartitionInput);

public sealed record BatchUpdatePartitionRequest(string DatabaseName, string TableName, List<BatchUpdatePartitionRequestEntry> Entries, string? CatalogId = null);

public sealed record BatchUpdatePartitionFailureEntry(List<string>? PartitionValueList = null, ErrorDetail? ErrorDetail = null);

public sealed record BatchUpdatePartitionResponse(List<BatchUpdatePartitionFailureEntry>? Errors);

public sealed record GetPartitionsRequest(string DatabaseName, string TableName, string? Expression = null, string? NextToken = null, int? MaxResults = null,
    string? CatalogId = null);

public sealed record GetPartitionsResponse(List<Partition>? Partitions, string? NextToken);

public sealed record BatchDeletePartitionRequest(string DatabaseName, string TableName, List<PartitionValueList> PartitionsToDelete, string? CatalogId = null);

public sealed record BatchDeletePartitionResponse(List<PartitionError>? Errors);
