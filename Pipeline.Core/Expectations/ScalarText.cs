using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Core.Expectations;

/// <summary>
/// A bound or accepted value as written: a JSON number, string or boolean kept as its text, so <c>0</c>,
/// <c>"0"</c> and <c>"2024-01-01"</c> all mean what they say once cast to the column's type.
/// </summary>
public sealed partial class ScalarText : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => throw new JsonException("must be a number, a string or a boolean"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => WriteValue(writer, value);

    // A number or boolean goes back out as one, so a definition reads back as it was written.
    internal static void WriteValue(Utf8JsonWriter writer, string value)
    {
        if (value is "true" or "false")
        {
            writer.WriteBooleanValue(value == "true");
        }
        else if (JsonNumber().IsMatch(value))
        {
            writer.WriteRawValue(value);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial System.Text.RegularExpressions.Regex JsonNumber();
}

/// <summary>A list of <see cref="ScalarText"/> values.</summary>
public sealed class ScalarTextList : JsonConverter<List<string>>
{
    static readonly ScalarText Item = new();

    public override List<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("must be an array of numbers, strings or booleans");
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(Item.Read(ref reader, typeof(string), options) ?? throw new JsonException("must not hold null"));
        }

        return values;
    }

    public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            ScalarText.WriteValue(writer, item);
        }

        writer.WriteEndArray();
    }
}
