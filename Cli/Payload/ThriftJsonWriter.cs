using System.Globalization;
using System.Text.Json.Nodes;
using Thrift;
using Thrift.Protocol;
using Thrift.Protocol.Entities;
using Thrift.Transport.Client;
using static PerfFleet.Cli.Payload.ThriftJsonScalars;

namespace PerfFleet.Cli.Payload;

/// <summary>
/// JSON → Thrift through ApacheThrift's TProtocol, field by field in IDL order, as generated code writes a struct.
/// An absent field with an IDL default is written with it unless it is optional (the reader applies its own).
/// </summary>
internal sealed class ThriftJsonWriter(ThriftSchema schema)
{
    /// <summary>Encodes a value into nothing, to find a wrong default value when the IDL is loaded.</summary>
    public void Check(ThriftType type, JsonNode value)
    {
        using var transport = new TMemoryBufferTransport(new TConfiguration(), 64);
        using var protocol = new TBinaryProtocol(transport);
        // In-memory transport: every call completes synchronously.
        WriteValueAsync(protocol, type, value, "$", CancellationToken.None).GetAwaiter().GetResult();
    }

    public async Task WriteStructAsync(TProtocol protocol, ThriftStructDefinition definition, JsonNode node, string path, CancellationToken cancellationToken)
    {
        var json = node as JsonObject ?? throw Error(path, $"expected a {definition.Name} object, found {Shown(node)}");
        foreach (var (name, _) in json)
        {
            if (definition.FieldNamed(name) is null)
            {
                throw Error($"{path}.{name}", $"{definition.Name} has no field \"{name}\" (it has: {string.Join(", ", definition.Fields.Select(f => f.Name))})");
            }
        }

        var isUnion = definition.Kind == ThriftStructKind.Union;
        if (isUnion && json.Count(p => p.Value is not null) is var set && set != 1)
        {
            throw Error(path, $"union {definition.Name} needs exactly one field set, found {set}");
        }

        await protocol.WriteStructBeginAsync(new TStruct(definition.Name), cancellationToken).ConfigureAwait(false);
        foreach (var field in definition.Fields)
        {
            var value = json[field.Name] ?? (isUnion || field.Requiredness == ThriftRequiredness.Optional ? null : field.Default);
            if (value is null)
            {
                if (field.Requiredness == ThriftRequiredness.Required)
                {
                    throw Error(path, $"required field \"{field.Name}\" of {definition.Name} is missing");
                }

                continue;
            }

            await protocol.WriteFieldBeginAsync(new TField(field.Name, field.Type.WireType, field.Id), cancellationToken).ConfigureAwait(false);
            await WriteValueAsync(protocol, field.Type, value, $"{path}.{field.Name}", cancellationToken).ConfigureAwait(false);
            await protocol.WriteFieldEndAsync(cancellationToken).ConfigureAwait(false);
        }

        await protocol.WriteFieldStopAsync(cancellationToken).ConfigureAwait(false);
        await protocol.WriteStructEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteValueAsync(TProtocol protocol, ThriftType type, JsonNode value, string path, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case ThriftBaseType b:
                await WriteBaseAsync(protocol, b.Base, value, path, cancellationToken).ConfigureAwait(false);
                break;
            case ThriftEnumType e:
                await protocol.WriteI32Async(EnumNumber(value, e.Enum, path), cancellationToken).ConfigureAwait(false);
                break;
            case ThriftStructType s:
                await WriteStructAsync(protocol, schema.StructOf(s), value, path, cancellationToken).ConfigureAwait(false);
                break;
            case ThriftListType list:
                await WriteListAsync(protocol, list, value as JsonArray ?? throw Error(path, $"expected an array ({list.Describe()}), found {Shown(value)}"), path, cancellationToken).ConfigureAwait(false);
                break;
            case ThriftMapType map:
                await WriteMapAsync(protocol, map, value, path, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw Error(path, $"unsupported type {type.Describe()}");
        }
    }

    private static async Task WriteBaseAsync(TProtocol protocol, ThriftBase type, JsonNode value, string path, CancellationToken cancellationToken)
    {
        var write = type switch
        {
            ThriftBase.Bool => protocol.WriteBoolAsync(Bool(value, path), cancellationToken),
            ThriftBase.Byte => protocol.WriteByteAsync((sbyte)Integer(value, path, "i8", sbyte.MinValue, sbyte.MaxValue), cancellationToken),
            ThriftBase.I16 => protocol.WriteI16Async((short)Integer(value, path, "i16", short.MinValue, short.MaxValue), cancellationToken),
            ThriftBase.I32 => protocol.WriteI32Async((int)Integer(value, path, "i32", int.MinValue, int.MaxValue), cancellationToken),
            ThriftBase.I64 => protocol.WriteI64Async(Integer(value, path, "i64", long.MinValue, long.MaxValue), cancellationToken),
            ThriftBase.Double => protocol.WriteDoubleAsync(ThriftJsonScalars.Double(value, path), cancellationToken),
            ThriftBase.String => protocol.WriteStringAsync(ThriftJsonScalars.String(value, path), cancellationToken),
            ThriftBase.Binary => protocol.WriteBinaryAsync(Binary(value, path), cancellationToken),
            _ => protocol.WriteUuidAsync(Uuid(value, path), cancellationToken),
        };
        await write.ConfigureAwait(false);
    }

    private async Task WriteListAsync(TProtocol protocol, ThriftListType list, JsonArray items, string path, CancellationToken cancellationToken)
    {
        var wireType = list.Element.WireType;
        var write = list.IsSet
            ? protocol.WriteSetBeginAsync(new TSet(wireType, items.Count), cancellationToken)
            : protocol.WriteListBeginAsync(new TList(wireType, items.Count), cancellationToken);
        await write.ConfigureAwait(false);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] ?? throw Error($"{path}[{i}]", "null is not a value in a list or set");
            await WriteValueAsync(protocol, list.Element, item, $"{path}[{i}]", cancellationToken).ConfigureAwait(false);
        }

        await (list.IsSet ? protocol.WriteSetEndAsync(cancellationToken) : protocol.WriteListEndAsync(cancellationToken)).ConfigureAwait(false);
    }

    private async Task WriteMapAsync(TProtocol protocol, ThriftMapType map, JsonNode value, string path, CancellationToken cancellationToken)
    {
        var entries = map.IsJsonObject ? ObjectEntries(map, value, path) : PairEntries(map, value, path);
        await protocol.WriteMapBeginAsync(new TMap(map.Key.WireType, map.Value.WireType, entries.Count), cancellationToken).ConfigureAwait(false);
        foreach (var (key, item, keyPath, itemPath) in entries)
        {
            await WriteValueAsync(protocol, map.Key, key, keyPath, cancellationToken).ConfigureAwait(false);
            await WriteValueAsync(protocol, map.Value, item ?? throw Error(itemPath, "null is not a map value"), itemPath, cancellationToken).ConfigureAwait(false);
        }

        await protocol.WriteMapEndAsync(cancellationToken).ConfigureAwait(false);
    }

    // {"A-1": 2}: object keys are text, read back as the key type (a number for integer keys, a name or number for enums).
    private static List<(JsonNode Key, JsonNode? Value, string KeyPath, string ValuePath)> ObjectEntries(ThriftMapType map, JsonNode value, string path)
    {
        var json = value as JsonObject ?? throw Error(path, $"expected an object ({map.Describe()}), found {Shown(value)}");
        return [.. json.Select(p =>
        {
            var entryPath = $"{path}[{JsonValue.Create(p.Key).ToJsonString(PayloadJson.Compact)}]";
            JsonNode key = map.Key is not ThriftBaseType { Base: ThriftBase.String } && long.TryParse(p.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : JsonValue.Create(p.Key);
            return (key, p.Value, entryPath, entryPath);
        })];
    }

    // [[key, value], ...]: for keys JSON objects cannot have (structs, doubles, bools, binary, uuid, containers).
    private static List<(JsonNode Key, JsonNode? Value, string KeyPath, string ValuePath)> PairEntries(ThriftMapType map, JsonNode value, string path)
    {
        var pairs = value as JsonArray ?? throw Error(path, $"expected an array of [key, value] pairs ({map.Describe()}), found {Shown(value)}");
        return [.. pairs.Select((pair, i) => pair is JsonArray { Count: 2 } kv && kv[0] is { } key
            ? (key, kv[1], $"{path}[{i}][0]", $"{path}[{i}][1]")
            : throw Error($"{path}[{i}]", "expected a [key, value] pair"))];
    }
}
