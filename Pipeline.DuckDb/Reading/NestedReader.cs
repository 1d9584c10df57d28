namespace Pipeline.DuckDb.Reading;

/// <summary>
/// Reads LIST/ARRAY (as <c>List&lt;object?&gt;</c>), STRUCT (as an insertion-ordered
/// <c>Dictionary&lt;string, object?&gt;</c>), MAP (as <c>List&lt;KeyValuePair&lt;object?, object?&gt;&gt;</c>)
/// and UNION (as the value of its active member) from their child vectors.
/// </summary>
internal static class NestedReader
{
    public static object? Read(VectorView vector, long row) => vector.Type.Id switch
    {
        DuckDbType.List => ReadList(vector.Element, vector.Get<ListEntry>(row)),
        DuckDbType.Array => ReadList(vector.Element, new ListEntry((ulong)(row * vector.Type.ArraySize), (ulong)vector.Type.ArraySize)),
        DuckDbType.Map => ReadMap(vector.Element, vector.Get<ListEntry>(row)),
        DuckDbType.Struct => ReadStruct(vector, row),
        DuckDbType.Union => ReadUnion(vector, row),
        _ => throw new InvalidOperationException($"{vector.Type.SqlName} is not a nested type."),
    };

    private static List<object?> ReadList(VectorView elements, ListEntry entry)
    {
        var list = new List<object?>(checked((int)entry.Length));
        for (var i = 0UL; i < entry.Length; i++)
        {
            list.Add(ValueReader.Read(elements, (long)(entry.Offset + i)));
        }

        return list;
    }

    private static List<KeyValuePair<object?, object?>> ReadMap(VectorView entries, ListEntry entry)
    {
        var keys = entries.Child(0, entries.Type.Children[0]);
        var values = entries.Child(1, entries.Type.Children[1]);
        var map = new List<KeyValuePair<object?, object?>>(checked((int)entry.Length));
        for (var i = 0UL; i < entry.Length; i++)
        {
            var index = (long)(entry.Offset + i);
            map.Add(new KeyValuePair<object?, object?>(ValueReader.Read(keys, index), ValueReader.Read(values, index)));
        }

        return map;
    }

    private static Dictionary<string, object?> ReadStruct(VectorView vector, long row)
    {
        var type = vector.Type;
        var fields = new Dictionary<string, object?>(type.Children.Count, StringComparer.Ordinal);
        for (var i = 0; i < type.Children.Count; i++)
        {
            fields[type.ChildNames[i]] = ValueReader.Read(vector.Child(i, type.Children[i]), row);
        }

        return fields;
    }

    // A UNION vector is a STRUCT whose first child holds the tag (the index of the active member).
    private static object? ReadUnion(VectorView vector, long row)
    {
        var members = vector.Type.Children;
        var tag = vector.Child(0, UnionTag).Get<byte>(row);
        return tag < members.Count ? ValueReader.Read(vector.Child(tag + 1, members[tag]), row) : null;
    }

    private static readonly ColumnType UnionTag = ColumnType.Primitive(DuckDbType.UTinyInt);

    private readonly record struct ListEntry(ulong Offset, ulong Length);
}
