namespace Pipeline.DuckDb;

/// <summary>DuckDB's type ids, mirroring <c>duckdb_type</c> in duckdb.h (numeric values are ABI).</summary>
public enum DuckDbType
{
    /// <summary>Not a valid type (also returned for out-of-range columns).</summary>
    Invalid = 0,
    /// <summary>BOOLEAN.</summary>
    Boolean = 1,
    /// <summary>TINYINT (int8).</summary>
    TinyInt = 2,
    /// <summary>SMALLINT (int16).</summary>
    SmallInt = 3,
    /// <summary>INTEGER (int32).</summary>
    Integer = 4,
    /// <summary>BIGINT (int64).</summary>
    BigInt = 5,
    /// <summary>UTINYINT (uint8).</summary>
    UTinyInt = 6,
    /// <summary>USMALLINT (uint16).</summary>
    USmallInt = 7,
    /// <summary>UINTEGER (uint32).</summary>
    UInteger = 8,
    /// <summary>UBIGINT (uint64).</summary>
    UBigInt = 9,
    /// <summary>FLOAT.</summary>
    Float = 10,
    /// <summary>DOUBLE.</summary>
    Double = 11,
    /// <summary>TIMESTAMP (microseconds).</summary>
    Timestamp = 12,
    /// <summary>DATE.</summary>
    Date = 13,
    /// <summary>TIME (microseconds).</summary>
    Time = 14,
    /// <summary>INTERVAL.</summary>
    Interval = 15,
    /// <summary>HUGEINT (int128).</summary>
    HugeInt = 16,
    /// <summary>VARCHAR.</summary>
    Varchar = 17,
    /// <summary>BLOB.</summary>
    Blob = 18,
    /// <summary>DECIMAL(width, scale).</summary>
    Decimal = 19,
    /// <summary>TIMESTAMP_S (seconds).</summary>
    TimestampS = 20,
    /// <summary>TIMESTAMP_MS (milliseconds).</summary>
    TimestampMs = 21,
    /// <summary>TIMESTAMP_NS (nanoseconds).</summary>
    TimestampNs = 22,
    /// <summary>ENUM.</summary>
    Enum = 23,
    /// <summary>LIST (variable length).</summary>
    List = 24,
    /// <summary>STRUCT.</summary>
    Struct = 25,
    /// <summary>MAP.</summary>
    Map = 26,
    /// <summary>UUID.</summary>
    Uuid = 27,
    /// <summary>UNION.</summary>
    Union = 28,
    /// <summary>BIT (bit string).</summary>
    Bit = 29,
    /// <summary>TIME WITH TIME ZONE.</summary>
    TimeTz = 30,
    /// <summary>TIMESTAMP WITH TIME ZONE (microseconds, UTC).</summary>
    TimestampTz = 31,
    /// <summary>UHUGEINT (uint128).</summary>
    UHugeInt = 32,
    /// <summary>ARRAY (fixed length).</summary>
    Array = 33,
    /// <summary>ANY (only in function signatures).</summary>
    Any = 34,
    /// <summary>BIGNUM (arbitrary precision integer, formerly VARINT).</summary>
    BigNum = 35,
    /// <summary>The type of an untyped NULL.</summary>
    SqlNull = 36,
    /// <summary>An unresolved string literal.</summary>
    StringLiteral = 37,
    /// <summary>An unresolved integer literal.</summary>
    IntegerLiteral = 38,
    /// <summary>TIME_NS (nanoseconds).</summary>
    TimeNs = 39,
    /// <summary>GEOMETRY.</summary>
    Geometry = 40,
    /// <summary>VARIANT.</summary>
    Variant = 41,
}
