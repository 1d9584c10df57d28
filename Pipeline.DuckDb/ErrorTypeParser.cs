namespace Pipeline.DuckDb;

/// <summary>
/// Reads the error category from DuckDB's "Catalog Error: ..." message prefix, for the C API calls
/// (prepare, extract, bind) that report only a message.
/// </summary>
internal static class ErrorTypeParser
{
    private static readonly Dictionary<string, DuckDbErrorType> Prefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Out of Range"] = DuckDbErrorType.OutOfRange,
        ["Conversion"] = DuckDbErrorType.Conversion,
        ["Unknown Type"] = DuckDbErrorType.UnknownType,
        ["Decimal"] = DuckDbErrorType.Decimal,
        ["Mismatch Type"] = DuckDbErrorType.MismatchType,
        ["Divide by Zero"] = DuckDbErrorType.DivideByZero,
        ["Object Size"] = DuckDbErrorType.ObjectSize,
        ["Invalid type"] = DuckDbErrorType.InvalidType,
        ["Serialization"] = DuckDbErrorType.Serialization,
        ["TransactionContext"] = DuckDbErrorType.Transaction,
        ["Not implemented"] = DuckDbErrorType.NotImplemented,
        ["Expression"] = DuckDbErrorType.Expression,
        ["Catalog"] = DuckDbErrorType.Catalog,
        ["Parser"] = DuckDbErrorType.Parser,
        ["Planner"] = DuckDbErrorType.Planner,
        ["Scheduler"] = DuckDbErrorType.Scheduler,
        ["Executor"] = DuckDbErrorType.Executor,
        ["Constraint"] = DuckDbErrorType.Constraint,
        ["Index"] = DuckDbErrorType.Index,
        ["Stat"] = DuckDbErrorType.Stat,
        ["Connection"] = DuckDbErrorType.Connection,
        ["Syntax"] = DuckDbErrorType.Syntax,
        ["Settings"] = DuckDbErrorType.Settings,
        ["Binder"] = DuckDbErrorType.Binder,
        ["Network"] = DuckDbErrorType.Network,
        ["Optimizer"] = DuckDbErrorType.Optimizer,
        ["NullPointer"] = DuckDbErrorType.NullPointer,
        ["IO"] = DuckDbErrorType.IO,
        ["INTERRUPT"] = DuckDbErrorType.Interrupt,
        ["FATAL"] = DuckDbErrorType.Fatal,
        ["INTERNAL"] = DuckDbErrorType.Internal,
        ["Invalid Input"] = DuckDbErrorType.InvalidInput,
        ["Out of Memory"] = DuckDbErrorType.OutOfMemory,
        ["Permission"] = DuckDbErrorType.Permission,
        ["Parameter Not Resolved"] = DuckDbErrorType.ParameterNotResolved,
        ["Parameter Not Allowed"] = DuckDbErrorType.ParameterNotAllowed,
        ["Dependency"] = DuckDbErrorType.Dependency,
        ["HTTP"] = DuckDbErrorType.Http,
        ["Missing Extension"] = DuckDbErrorType.MissingExtension,
        ["Extension Autoloading"] = DuckDbErrorType.Autoload,
        ["Sequence"] = DuckDbErrorType.Sequence,
        ["Invalid Configuration"] = DuckDbErrorType.InvalidConfiguration,
    };

    public static DuckDbErrorType Parse(string message)
    {
        var end = message.IndexOf(" Error:", StringComparison.Ordinal);
        return end > 0 && Prefixes.TryGetValue(message[..end], out var type) ? type : DuckDbErrorType.Invalid;
    }
}
