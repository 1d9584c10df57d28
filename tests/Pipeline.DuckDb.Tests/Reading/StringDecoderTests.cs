namespace Pipeline.DuckDb.Tests.Reading;

public sealed class StringDecoderTests : InMemoryDatabase
{
    [Theory]
    [InlineData("")]
    [InlineData("abcdefghijkl")]
    [InlineData("abcdefghijklm")]
    [InlineData("üüüüüü")]
    [InlineData("üüüüüüü")]
    [InlineData("日本語のテキスト")]
    [InlineData("emoji 😀😀😀 and more text beyond the inline limit")]
    public void GetString_InlineAndPointerStrings_DecodeUtf8(string text)
    {
        using var reader = Connection.Query($"SELECT '{text}', strlen('{text}')");
        Assert.True(reader.Read());

        Assert.Equal(text, reader.GetString(0));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text), reader.GetInt64(1));
    }

    [Fact]
    public void GetString_VaryingLengthsAcrossChunks_AllMatch()
    {
        using var reader = Connection.Query("SELECT i, repeat('é', (i % 40)::INTEGER) FROM range(7000) t(i) ORDER BY i");
        var rows = 0;

        while (reader.Read())
        {
            Assert.Equal(new string('é', (int)(reader.GetInt64(0) % 40)), reader.GetString(1));
            rows++;
        }

        Assert.Equal(7000, rows);
    }

    [Fact]
    public void GetValue_BlobOfManySizes_ReturnsExactBytes()
    {
        using var reader = Connection.Query("SELECT i, repeat('\\xAB'::BLOB, i::INTEGER) FROM range(40) t(i)");

        while (reader.Read())
        {
            var bytes = Assert.IsType<byte[]>(reader.GetValue(1));
            Assert.Equal(Enumerable.Repeat((byte)0xAB, (int)reader.GetInt64(0)), bytes);
        }
    }
}
