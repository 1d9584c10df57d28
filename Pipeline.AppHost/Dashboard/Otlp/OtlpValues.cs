using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;

namespace Pipeline.AppHost.Dashboard.Otlp;

/// <summary>Turns OTLP's wire values into the dashboard's text forms.</summary>
internal static class OtlpValues
{
    /// <summary>An id as lower-case hex; null when empty.</summary>
    public static string? Hex(ByteString id) => id.IsEmpty ? null : Convert.ToHexStringLower(id.Span);

    /// <summary>Nanoseconds since the Unix epoch as a time.</summary>
    public static DateTimeOffset Time(ulong unixNano) => DateTimeOffset.UnixEpoch.AddTicks((long)(unixNano / 100));

    /// <summary>The <c>service.name</c> of a resource, else <c>unknown</c>.</summary>
    public static string ServiceName(Resource? resource) =>
        resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value is { } v && Format(v) is { Length: > 0 } name
            ? name
            : "unknown";

    /// <summary>Attributes as key/text pairs, in the sender's order.</summary>
    public static List<KeyValuePair<string, string>> Attributes(RepeatedField<KeyValue> attributes) =>
        attributes.Select(a => new KeyValuePair<string, string>(a.Key, Format(a.Value))).ToList();

    /// <summary>Any value as text: arrays as <c>[a, b]</c>, maps as <c>{k: v}</c>, bytes as base64.</summary>
    public static string Format(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Format)) + "]",
        AnyValue.ValueOneofCase.KvlistValue =>
            "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => kv.Key + ": " + Format(kv.Value))) + "}",
        AnyValue.ValueOneofCase.BytesValue => value.BytesValue.ToBase64(),
        _ => "",
    };
}
