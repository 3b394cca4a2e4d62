using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Thrift.Protocol;
using Thrift.Protocol.Entities;
using Thrift.Protocol.Utilities;
using static PerfFleet.Cli.Payload.ThriftJsonScalars;

namespace PerfFleet.Cli.Payload;

/// <summary>
/// Thrift → JSON through ApacheThrift's TProtocol. Field ids the IDL does not know are skipped, as generated
/// code skips them (a newer sender); a known id with another wire type is an error (the wrong struct or protocol).
/// </summary>
internal sealed class ThriftJsonReader(ThriftSchema schema)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<JsonObject> ReadStructAsync(TProtocol protocol, ThriftStructDefinition definition, string path, CancellationToken cancellationToken)
    {
        protocol.IncrementRecursionDepth();
        try
        {
            await protocol.ReadStructBeginAsync(cancellationToken).ConfigureAwait(false);
            var read = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            while (true)
            {
                var wire = await protocol.ReadFieldBeginAsync(cancellationToken).ConfigureAwait(false);
                if (wire.Type == TType.Stop)
                {
                    break;
                }

                if (definition.FieldWithId(wire.ID) is not { } field)
                {
                    await TProtocolUtil.SkipAsync(protocol, wire.Type, cancellationToken).ConfigureAwait(false);
                }
                else if (wire.Type != field.Type.WireType)
                {
                    throw Error(path, $"field {wire.ID} is {wire.Type} on the wire, but {definition.Name}.{field.Name} is {field.Type.Describe()} (wrong --thrift-struct or --thrift-protocol?)");
                }
                else
                {
                    read[field.Name] = await ReadValueAsync(protocol, field.Type, $"{path}.{field.Name}", cancellationToken).ConfigureAwait(false);
                }

                await protocol.ReadFieldEndAsync(cancellationToken).ConfigureAwait(false);
            }

            await protocol.ReadStructEndAsync(cancellationToken).ConfigureAwait(false);

            // In IDL order, whatever order the sender wrote: the readable form does not depend on it.
            var json = new JsonObject();
            foreach (var field in definition.Fields)
            {
                if (read.TryGetValue(field.Name, out var value))
                {
                    json[field.Name] = value;
                }
                else if (field.Requiredness == ThriftRequiredness.Required)
                {
                    throw Error(path, $"required field \"{field.Name}\" of {definition.Name} is not in the body");
                }
            }

            return json;
        }
        finally
        {
            protocol.DecrementRecursionDepth();
        }
    }

    private async Task<JsonNode?> ReadValueAsync(TProtocol protocol, ThriftType type, string path, CancellationToken cancellationToken) => type switch
    {
        ThriftBaseType b => await ReadBaseAsync(protocol, b.Base, path, cancellationToken).ConfigureAwait(false),
        ThriftEnumType e => EnumValue(e.Enum, await protocol.ReadI32Async(cancellationToken).ConfigureAwait(false)),
        ThriftStructType s => await ReadStructAsync(protocol, schema.StructOf(s), path, cancellationToken).ConfigureAwait(false),
        ThriftListType list => await ReadListAsync(protocol, list, path, cancellationToken).ConfigureAwait(false),
        ThriftMapType map => await ReadMapAsync(protocol, map, path, cancellationToken).ConfigureAwait(false),
        _ => throw Error(path, $"unsupported type {type.Describe()}"),
    };

    private static async Task<JsonNode> ReadBaseAsync(TProtocol protocol, ThriftBase type, string path, CancellationToken cancellationToken) => type switch
    {
        ThriftBase.Bool => JsonValue.Create(await protocol.ReadBoolAsync(cancellationToken).ConfigureAwait(false)),
        ThriftBase.Byte => JsonValue.Create(await protocol.ReadByteAsync(cancellationToken).ConfigureAwait(false)),
        ThriftBase.I16 => JsonValue.Create(await protocol.ReadI16Async(cancellationToken).ConfigureAwait(false)),
        ThriftBase.I32 => JsonValue.Create(await protocol.ReadI32Async(cancellationToken).ConfigureAwait(false)),
        ThriftBase.I64 => JsonValue.Create(await protocol.ReadI64Async(cancellationToken).ConfigureAwait(false)),
        ThriftBase.Double => Floating(await protocol.ReadDoubleAsync(cancellationToken).ConfigureAwait(false)),
        ThriftBase.String => JsonValue.Create(Utf8(await protocol.ReadBinaryAsync(cancellationToken).ConfigureAwait(false), path)),
        ThriftBase.Binary => JsonValue.Create(Convert.ToBase64String(await protocol.ReadBinaryAsync(cancellationToken).ConfigureAwait(false))),
        _ => JsonValue.Create((await protocol.ReadUuidAsync(cancellationToken).ConfigureAwait(false)).ToString("D")),
    };

    private async Task<JsonArray> ReadListAsync(TProtocol protocol, ThriftListType list, string path, CancellationToken cancellationToken)
    {
        var header = await ReadContainerBeginAsync(protocol, list.IsSet, cancellationToken).ConfigureAwait(false);
        ExpectWireType(header.Count, header.ElementType, list.Element, path, "element");
        var items = new JsonArray();
        for (var i = 0; i < header.Count; i++)
        {
            items.Add(await ReadValueAsync(protocol, list.Element, $"{path}[{i}]", cancellationToken).ConfigureAwait(false));
        }

        await (list.IsSet ? protocol.ReadSetEndAsync(cancellationToken) : protocol.ReadListEndAsync(cancellationToken)).ConfigureAwait(false);
        return items;
    }

    private static async Task<(TType ElementType, int Count)> ReadContainerBeginAsync(TProtocol protocol, bool isSet, CancellationToken cancellationToken)
    {
        if (isSet)
        {
            var set = await protocol.ReadSetBeginAsync(cancellationToken).ConfigureAwait(false);
            return (set.ElementType, set.Count);
        }

        var list = await protocol.ReadListBeginAsync(cancellationToken).ConfigureAwait(false);
        return (list.ElementType, list.Count);
    }

    private async Task<JsonNode> ReadMapAsync(TProtocol protocol, ThriftMapType map, string path, CancellationToken cancellationToken)
    {
        var header = await protocol.ReadMapBeginAsync(cancellationToken).ConfigureAwait(false);
        ExpectWireType(header.Count, header.KeyType, map.Key, path, "key");
        ExpectWireType(header.Count, header.ValueType, map.Value, path, "value");
        JsonNode result = map.IsJsonObject ? new JsonObject() : new JsonArray();
        for (var i = 0; i < header.Count; i++)
        {
            var key = await ReadValueAsync(protocol, map.Key, $"{path}[{i}][0]", cancellationToken).ConfigureAwait(false);
            if (result is JsonObject entries)
            {
                var text = key!.GetValueKind() == JsonValueKind.String ? key.GetValue<string>() : key.ToJsonString();
                entries[text] = await ReadValueAsync(protocol, map.Value, $"{path}[{JsonValue.Create(text).ToJsonString(PayloadJson.Compact)}]", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                result.AsArray().Add(new JsonArray(key, await ReadValueAsync(protocol, map.Value, $"{path}[{i}][1]", cancellationToken).ConfigureAwait(false)));
            }
        }

        await protocol.ReadMapEndAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    // An empty container may carry no element types (the compact protocol writes none): only a non-empty one is checked.
    private static void ExpectWireType(int count, TType wire, ThriftType expected, string path, string what)
    {
        if (count > 0 && wire != expected.WireType)
        {
            throw Error(path, $"{what} type is {wire} on the wire, but the IDL says {expected.Describe()} (wrong --thrift-struct or --thrift-protocol?)");
        }
    }

    private static string Utf8(byte[] bytes, string path)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error(path, "the string is not UTF-8 (binary data in a field the IDL says is string?)");
        }
    }

    private static JsonValue Floating(double value) => double.IsFinite(value)
        ? JsonValue.Create(value)
        : JsonValue.Create(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");

    private static JsonValue EnumValue(ThriftEnumDefinition definition, int number) =>
        definition.NameOf(number) is { } name ? JsonValue.Create(name) : JsonValue.Create(number);
}
