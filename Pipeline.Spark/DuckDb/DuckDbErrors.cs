using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Pipeline.Spark.DuckDb;

/// <summary>
/// DuckDB's error category. DuckDB.NET reports it for errors while executing; errors while preparing (a missing
/// file, a bad name) come as <see cref="DuckDBErrorType.Invalid"/>, so those are read from the "Xxx Error:" prefix.
/// </summary>
public static class DuckDbErrors
{
    static readonly Dictionary<string, DuckDBErrorType> Prefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Out of Range"] = DuckDBErrorType.OutOfRange,
        ["Conversion"] = DuckDBErrorType.Conversion,
        ["Invalid type"] = DuckDBErrorType.InvalidType,
        ["Not implemented"] = DuckDBErrorType.NotImplemented,
        ["Catalog"] = DuckDBErrorType.Catalog,
        ["Parser"] = DuckDBErrorType.Parser,
        ["Binder"] = DuckDBErrorType.Binder,
        ["Syntax"] = DuckDBErrorType.Syntax,
        ["Network"] = DuckDBErrorType.Network,
        ["IO"] = DuckDBErrorType.Io,
        ["INTERRUPT"] = DuckDBErrorType.Interrupt,
        ["INTERNAL"] = DuckDBErrorType.Internal,
        ["Invalid Input"] = DuckDBErrorType.InvalidInput,
        ["Out of Memory"] = DuckDBErrorType.OutOfMemory,
        ["Permission"] = DuckDBErrorType.Permission,
        ["HTTP"] = DuckDBErrorType.Http,
        ["Missing Extension"] = DuckDBErrorType.MissingExtension,
        ["Extension Autoloading"] = DuckDBErrorType.Autoload,
    };

    public static DuckDBErrorType Category(this DuckDBException exception) =>
        exception.ErrorType != DuckDBErrorType.Invalid ? exception.ErrorType : FromMessage(exception.Message);

    public static DuckDBErrorType FromMessage(string message)
    {
        var end = message.IndexOf(" Error:", StringComparison.Ordinal);
        return end > 0 && Prefixes.TryGetValue(message[..end], out var type) ? type : DuckDBErrorType.Invalid;
    }
}
