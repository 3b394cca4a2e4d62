using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace PerfFleet.Cli.Payload;

/// <summary>
/// Protobuf binary → JSON object for a descriptor-only message type, following the proto3 JSON mapping for
/// names, 64-bit integers (strings), enums (names) and bytes (base64). Unknown field numbers are an error:
/// they almost always mean the wrong --message was given.
/// </summary>
internal static class ProtobufJsonDecoder
{
    public static JsonObject Decode(byte[] bytes, MessageDescriptor descriptor)
    {
        try
        {
            return DecodeMessage(new CodedInputStream(bytes), descriptor);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new PayloadFormatException($"body is not a valid {descriptor.FullName}: {e.Message}", e);
        }
    }

    private static JsonObject DecodeMessage(CodedInputStream input, MessageDescriptor descriptor)
    {
        var json = new JsonObject();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var field = descriptor.FindFieldByNumber(number)
                ?? throw new PayloadFormatException($"body has field number {number}, which {descriptor.FullName} does not define (wrong --message?)");
            var wireType = WireFormat.GetTagWireType(tag);
            var packed = field.IsRepeated && wireType == WireFormat.WireType.LengthDelimited && ProtobufJsonEncoder.IsPackable(field.FieldType);
            if (!packed && wireType != ProtobufJsonEncoder.WireTypeOf(field.FieldType))
            {
                throw new PayloadFormatException($"body has field number {number} with wire type {wireType}, but {field.FullName} is {field.FieldType} (wrong --message?)");
            }

            if (field.IsMap)
            {
                var entry = DecodeMessage(new CodedInputStream(input.ReadBytes().ToByteArray()), field.MessageType);
                var map = (json[field.JsonName] ??= new JsonObject()).AsObject();
                var key = entry[field.MessageType.FindFieldByNumber(1).JsonName];
                map[key is null ? "" : KeyText(key)] = entry[field.MessageType.FindFieldByNumber(2).JsonName]?.DeepClone();
            }
            else if (field.IsRepeated)
            {
                var array = (json[field.JsonName] ??= new JsonArray()).AsArray();
                if (packed)
                {
                    var values = new CodedInputStream(input.ReadBytes().ToByteArray());
                    while (!values.IsAtEnd)
                    {
                        array.Add(ReadValue(values, field));
                    }
                }
                else
                {
                    array.Add(ReadValue(input, field));
                }
            }
            else
            {
                json[field.JsonName] = ReadValue(input, field);
            }
        }

        return json;
    }

    private static string KeyText(JsonNode key) =>
        key.GetValueKind() == System.Text.Json.JsonValueKind.String ? key.GetValue<string>() : key.ToJsonString();

    private static JsonNode? ReadValue(CodedInputStream input, FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Double => Floating(input.ReadDouble()),
        FieldType.Float => Floating(input.ReadFloat()),
        FieldType.Int64 => Long(input.ReadInt64()),
        FieldType.UInt64 => JsonValue.Create(input.ReadUInt64().ToString(CultureInfo.InvariantCulture)),
        FieldType.Int32 => JsonValue.Create(input.ReadInt32()),
        FieldType.Fixed64 => JsonValue.Create(input.ReadFixed64().ToString(CultureInfo.InvariantCulture)),
        FieldType.Fixed32 => JsonValue.Create(input.ReadFixed32()),
        FieldType.Bool => JsonValue.Create(input.ReadBool()),
        FieldType.String => JsonValue.Create(input.ReadString()),
        FieldType.Bytes => JsonValue.Create(input.ReadBytes().ToBase64()),
        FieldType.UInt32 => JsonValue.Create(input.ReadUInt32()),
        FieldType.SFixed32 => JsonValue.Create(input.ReadSFixed32()),
        FieldType.SFixed64 => Long(input.ReadSFixed64()),
        FieldType.SInt32 => JsonValue.Create(input.ReadSInt32()),
        FieldType.SInt64 => Long(input.ReadSInt64()),
        FieldType.Enum => EnumValue(input.ReadEnum(), field),
        FieldType.Message => DecodeMessage(new CodedInputStream(input.ReadBytes().ToByteArray()), field.MessageType),
        _ => throw new PayloadFormatException($"field {field.FullName}: {field.FieldType} fields are not supported"),
    };

    private static JsonValue Long(long value) => JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));

    private static JsonValue Floating(double value) => double.IsFinite(value)
        ? JsonValue.Create(value)
        : JsonValue.Create(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");

    private static JsonValue EnumValue(int number, FieldDescriptor field) =>
        field.EnumType.FindValueByNumber(number) is { } value ? JsonValue.Create(value.Name) : JsonValue.Create(number);
}
