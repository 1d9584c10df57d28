using Pipeline.DuckDb.Reading;

namespace Pipeline.DuckDb;

/// <summary>Value access for the row the reader is positioned on.</summary>
public sealed partial class DuckDbDataReader
{
    /// <summary>True when the value in column <paramref name="i"/> of the current row is NULL.</summary>
    public bool IsDBNull(int i) => !Vector(i).IsValid(_row);

    /// <summary>The value of column <paramref name="i"/> of the current row (null for SQL NULL).</summary>
    public object? GetValue(int i) => ValueReader.Read(Vector(i), _row);

    /// <summary>All values of the current row.</summary>
    public object?[] GetValues()
    {
        var values = new object?[FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = GetValue(i);
        }

        return values;
    }

    /// <summary>The value converted to <typeparamref name="T"/> (see <see cref="GetValue"/> for the mapping).</summary>
    /// <exception cref="InvalidCastException">The value is NULL and T is not nullable, or cannot become a T.</exception>
    /// <exception cref="OverflowException">The value does not fit T.</exception>
    public T GetFieldValue<T>(int i) => FieldConverter.Convert<T>(GetValue(i), i);

    /// <summary>The value as a bool.</summary>
    public bool GetBoolean(int i) => GetFieldValue<bool>(i);

    /// <summary>The value as an int, from any integer or integral decimal column whose value fits.</summary>
    public int GetInt32(int i) => GetFieldValue<int>(i);

    /// <summary>The value as a long, from any integer or integral decimal column whose value fits.</summary>
    public long GetInt64(int i)
    {
        var vector = Vector(i);
        return vector.Type.Id == DuckDbType.BigInt && vector.IsValid(_row) ? vector.Get<long>(_row) : GetFieldValue<long>(i);
    }

    /// <summary>The value as a double, from DOUBLE, FLOAT, integer or DECIMAL columns.</summary>
    public double GetDouble(int i)
    {
        var vector = Vector(i);
        return vector.Type.Id == DuckDbType.Double && vector.IsValid(_row) ? vector.Get<double>(_row) : GetFieldValue<double>(i);
    }

    /// <summary>The value as a decimal, from DECIMAL or integer columns (exact; OverflowException beyond 96 bits).</summary>
    public decimal GetDecimal(int i) => GetFieldValue<decimal>(i);

    /// <summary>The value of a VARCHAR or ENUM column; InvalidCastException when it is NULL.</summary>
    public unsafe string GetString(int i)
    {
        var vector = Vector(i);
        if (!vector.IsValid(_row))
        {
            throw new InvalidCastException($"Column {i} is NULL and cannot be read as String.");
        }

        return vector.Type.Id == DuckDbType.Varchar ? StringDecoder.String(vector.Data, _row) : GetFieldValue<string>(i);
    }
}
