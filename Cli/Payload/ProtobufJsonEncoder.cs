using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace PerfFleet.Cli.Payload;

/// <summary>JSON object → protobuf binary for a descriptor-only message type; fields written in number order (canonical).</summary>
internal static class ProtobufJsonEncoder
{
    public static byte[] Encode(JsonObject json, MessageDescriptor descriptor)
    {
        var fieldsByName = new Dictionary<string, FieldDescriptor>(StringComparer.Ordinal);
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            fieldsByName[field.JsonName] = field;
            fieldsByName[field.Name] = field;
        }

        foreach (var property in json)
        {
            if (!fieldsByName.ContainsKey(property.Key))
            {
                throw new PayloadFormatException($"{descriptor.FullName} has no field \"{property.Key}\"");
            }
        }

        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            var value = json[field.JsonName] ?? json[field.Name];
            if (value is not null)
            {
                WriteField(output, field, value);
            }
        }

        output.Flush();
        return buffer.ToArray();
    }

    private static void WriteField(CodedOutputStream output, FieldDescriptor field, JsonNode value)
    {
        if (field.IsMap)
        {
            WriteMap(output, field, Expect<JsonObject>(value, field, "an object"));
        }
        else if (field.IsRepeated)
        {
            var items = Expect<JsonArray>(value, field, "an array");
            if (field.IsPacked && IsPackable(field.FieldType))
            {
                using var packed = new MemoryStream();
                var inner = new CodedOutputStream(packed);
                foreach (var item in items)
                {
                    WriteValue(inner, field, item ?? throw Problem(field, "null in an array"));
                }

                inner.Flush();
                output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(packed.ToArray()));
            }
            else
            {
                foreach (var item in items)
                {
                    output.WriteTag(field.FieldNumber, WireTypeOf(field.FieldType));
                    WriteValue(output, field, item ?? throw Problem(field, "null in an array"));
                }
            }
        }
        else
        {
            output.WriteTag(field.FieldNumber, WireTypeOf(field.FieldType));
            WriteValue(output, field, value);
        }
    }

    private static void WriteMap(CodedOutputStream output, FieldDescriptor field, JsonObject map)
    {
        var keyField = field.MessageType.FindFieldByNumber(1);
        var valueField = field.MessageType.FindFieldByNumber(2);
        foreach (var (key, value) in map)
        {
            var entry = new JsonObject
            {
                [keyField.JsonName] = KeyAsJson(keyField, key),
                [valueField.JsonName] = value?.DeepClone(),
            };
            output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(Encode(entry, field.MessageType)));
        }
    }

    // JSON object keys are strings; map keys may be numbers or bools.
    private static JsonValue KeyAsJson(FieldDescriptor keyField, string key) =>
        keyField.FieldType == FieldType.Bool ? JsonValue.Create(key == "true") : JsonValue.Create(key);

    private static void WriteValue(CodedOutputStream output, FieldDescriptor field, JsonNode value)
    {
        switch (field.FieldType)
        {
            case FieldType.Double: output.WriteDouble(Number<double>(value, field)); break;
            case FieldType.Float: output.WriteFloat(Number<float>(value, field)); break;
            case FieldType.Int64: output.WriteInt64(Number<long>(value, field)); break;
            case FieldType.UInt64: output.WriteUInt64(Number<ulong>(value, field)); break;
            case FieldType.Int32: output.WriteInt32(Number<int>(value, field)); break;
            case FieldType.Fixed64: output.WriteFixed64(Number<ulong>(value, field)); break;
            case FieldType.Fixed32: output.WriteFixed32(Number<uint>(value, field)); break;
            case FieldType.Bool: output.WriteBool(value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : throw Problem(field, "expected true or false")); break;
            case FieldType.String: output.WriteString(Text(value, field)); break;
            case FieldType.Bytes: output.WriteBytes(Bytes(value, field)); break;
            case FieldType.UInt32: output.WriteUInt32(Number<uint>(value, field)); break;
            case FieldType.SFixed32: output.WriteSFixed32(Number<int>(value, field)); break;
            case FieldType.SFixed64: output.WriteSFixed64(Number<long>(value, field)); break;
            case FieldType.SInt32: output.WriteSInt32(Number<int>(value, field)); break;
            case FieldType.SInt64: output.WriteSInt64(Number<long>(value, field)); break;
            case FieldType.Enum: output.WriteEnum(EnumNumber(value, field)); break;
            case FieldType.Message: output.WriteBytes(ByteString.CopyFrom(Encode(Expect<JsonObject>(value, field, "an object"), field.MessageType))); break;
            default: throw Problem(field, $"{field.FieldType} fields are not supported");
        }
    }

    private static T Number<T>(JsonNode value, FieldDescriptor field)
        where T : struct, INumber<T>
    {
        // proto3 JSON allows numbers as strings (64-bit integers are written that way) and "NaN"/"Infinity".
        var text = value.GetValueKind() switch
        {
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.String => value.GetValue<string>(),
            _ => throw Problem(field, "expected a number"),
        };
        return T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Problem(field, $"\"{text}\" is not a valid {typeof(T).Name}");
    }

    private static string Text(JsonNode value, FieldDescriptor field) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw Problem(field, "expected a string");

    private static ByteString Bytes(JsonNode value, FieldDescriptor field)
    {
        try
        {
            return ByteString.FromBase64(Text(value, field));
        }
        catch (FormatException)
        {
            throw Problem(field, "expected base64");
        }
    }

    private static int EnumNumber(JsonNode value, FieldDescriptor field)
    {
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            return Number<int>(value, field);
        }

        var name = Text(value, field);
        return field.EnumType.FindValueByName(name)?.Number
            ?? throw Problem(field, $"\"{name}\" is not a value of {field.EnumType.FullName}");
    }

    private static T Expect<T>(JsonNode value, FieldDescriptor field, string what)
        where T : JsonNode => value as T ?? throw Problem(field, "expected " + what);

    private static PayloadFormatException Problem(FieldDescriptor field, string problem) => new($"field {field.FullName}: {problem}");

    internal static bool IsPackable(FieldType type) => type is not (FieldType.String or FieldType.Bytes or FieldType.Message or FieldType.Group);

    internal static WireFormat.WireType WireTypeOf(FieldType type) => type switch
    {
        FieldType.Double or FieldType.Fixed64 or FieldType.SFixed64 => WireFormat.WireType.Fixed64,
        FieldType.Float or FieldType.Fixed32 or FieldType.SFixed32 => WireFormat.WireType.Fixed32,
        FieldType.String or FieldType.Bytes or FieldType.Message => WireFormat.WireType.LengthDelimited,
        _ => WireFormat.WireType.Varint,
    };
}
