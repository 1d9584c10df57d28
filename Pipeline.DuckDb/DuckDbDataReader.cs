using Pipeline.DuckDb.Native;
using Pipeline.DuckDb.Reading;

namespace Pipeline.DuckDb;

/// <summary>
/// Forward-only reader over a streaming DuckDB result. Rows are fetched one chunk (up to 2048 rows) at a time with
/// duckdb_fetch_chunk and decoded straight from the chunk's vectors, so memory stays bounded however large the
/// result. Values map to: BOOLEAN bool, TINYINT..BIGINT sbyte/short/int/long, UTINYINT..UBIGINT
/// byte/ushort/uint/ulong, HUGEINT Int128, UHUGEINT UInt128, FLOAT float, DOUBLE double, DECIMAL decimal (its exact
/// text when it does not fit), VARCHAR/ENUM string, BLOB byte[], DATE DateOnly, TIME/TIME_NS TimeOnly, TIME_TZ
/// <see cref="DuckDbTimeTz"/>, TIMESTAMP(_S/_MS/_NS) DateTime (Unspecified), TIMESTAMPTZ DateTimeOffset (UTC),
/// INTERVAL <see cref="DuckDbInterval"/>, UUID Guid, LIST/ARRAY List&lt;object?&gt;, STRUCT Dictionary&lt;string,
/// object?&gt; in field order, MAP List&lt;KeyValuePair&lt;object?, object?&gt;&gt;, UNION its active member's value,
/// BIT and BIGNUM their text. Dates and timestamps at ±infinity map to MinValue/MaxValue; finite ones outside the
/// .NET range are returned as DuckDB's text. GEOMETRY, VARIANT and newer types in a SELECT are cast to VARCHAR when
/// the statement is prepared (their columns then report VARCHAR); elsewhere they read as the placeholder
/// <c>&lt;TYPE&gt;</c> rather than failing.
/// </summary>
public sealed partial class DuckDbDataReader : IDisposable
{
    private readonly ResultHandle _result;
    private readonly ColumnType[] _types;
    private readonly string[] _names;
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenRegistration _registration;
    private readonly VectorView?[] _vectors;
    private DataChunkHandle? _chunk;
    private long _chunkSize;
    private long _row;
    private bool _exhausted;
    private bool _disposed;

    internal DuckDbDataReader(
        ResultHandle result,
        IReadOnlyList<string>? names,
        CancellationTokenRegistration registration,
        CancellationToken cancellationToken)
    {
        _result = result;
        _registration = registration;
        _cancellationToken = cancellationToken;
        var count = checked((int)NativeMethods.duckdb_column_count(result));
        _types = new ColumnType[count];
        _names = new string[count];
        for (var i = 0; i < count; i++)
        {
            using var type = NativeMethods.duckdb_column_logical_type(result, (ulong)i);
            _types[i] = ColumnType.From(type);
            _names[i] = names?[i] ?? NativeMethods.ReadBorrowed(NativeMethods.duckdb_column_name(result, (ulong)i)) ?? string.Empty;
        }

        _vectors = new VectorView?[count];
    }

    /// <summary>Number of columns in the result.</summary>
    public int FieldCount => _types.Length;

    /// <summary>Rows in the chunk the reader is positioned in (0 before the first <see cref="Read"/>).</summary>
    public int ChunkRowCount => (int)_chunkSize;

    /// <summary>The column's name.</summary>
    public string GetName(int i) => _names[CheckOrdinal(i)];

    /// <summary>Zero-based index of the first column named <paramref name="name"/> (case-insensitive).</summary>
    public int GetOrdinal(string name)
    {
        var index = Array.FindIndex(_names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new IndexOutOfRangeException($"No column named '{name}'.");
    }

    /// <summary>DuckDB's SQL type of the column, e.g. <c>DECIMAL(10,2)</c>, <c>INTEGER[]</c> or <c>MAP(VARCHAR, INTEGER)</c>.</summary>
    public string GetTypeName(int i) => _types[CheckOrdinal(i)].SqlName;

    /// <summary>The column's top-level DuckDB type id.</summary>
    public DuckDbType GetColumnType(int i) => _types[CheckOrdinal(i)].Id;

    /// <summary>Advances to the next row, fetching the next chunk when the current one is used up.</summary>
    /// <exception cref="DuckDbException">The query failed while producing rows.</exception>
    /// <exception cref="OperationCanceledException">The reader's cancellation token was cancelled.</exception>
    public bool Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_exhausted)
        {
            return false;
        }

        if (_chunk is not null && ++_row < _chunkSize)
        {
            return true;
        }

        return FetchNextChunk();
    }

    /// <summary>Releases the current chunk and the native result.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _registration.Dispose();
        _chunk?.Dispose();
        _result.Dispose();
    }

    private bool FetchNextChunk()
    {
        _chunk?.Dispose();
        _chunk = null;
        _chunkSize = 0;
        _row = 0;
        Array.Clear(_vectors);
        while (true)
        {
            if (_cancellationToken.IsCancellationRequested)
            {
                _exhausted = true;
                _cancellationToken.ThrowIfCancellationRequested();
            }

            var chunk = _result.FetchChunk();
            if (chunk.IsInvalid)
            {
                chunk.Dispose();
                _exhausted = true;
                ResultErrors.ThrowIfFailed(_result, _cancellationToken);
                return false;
            }

            var size = (long)NativeMethods.duckdb_data_chunk_get_size(chunk);
            if (size > 0)
            {
                _chunk = chunk;
                _chunkSize = size;
                return true;
            }

            chunk.Dispose();
        }
    }

    private VectorView Vector(int i)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckOrdinal(i);
        if (_chunk is null)
        {
            throw new InvalidOperationException("The reader is not positioned on a row; call Read() first.");
        }

        return _vectors[i] ??= new VectorView(NativeMethods.duckdb_data_chunk_get_vector(_chunk, (ulong)i), _types[i]);
    }

    private int CheckOrdinal(int i) =>
        (uint)i < (uint)_types.Length ? i : throw new IndexOutOfRangeException($"Column {i} does not exist; the result has {_types.Length}.");
}
