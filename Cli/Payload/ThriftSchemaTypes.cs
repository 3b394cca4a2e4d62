using System.Text.Json.Nodes;
using Thrift.Protocol.Entities;

namespace PerfFleet.Cli.Payload;

// The IDL after names are resolved: typedefs are gone, every reference names a struct or enum that exists.

internal enum ThriftBase
{
    Bool,
    Byte,
    I16,
    I32,
    I64,
    Double,
    String,
    Binary,
    Uuid,
}

internal abstract record ThriftType
{
    public abstract TType WireType { get; }

    public abstract string Describe();
}

internal sealed record ThriftBaseType(ThriftBase Base) : ThriftType
{
    public override TType WireType => Base switch
    {
        ThriftBase.Bool => TType.Bool,
        ThriftBase.Byte => TType.Byte,
        ThriftBase.I16 => TType.I16,
        ThriftBase.I32 => TType.I32,
        ThriftBase.I64 => TType.I64,
        ThriftBase.Double => TType.Double,
        ThriftBase.Uuid => TType.Uuid,
        _ => TType.String,
    };

    public override string Describe() => Base.ToString().ToLowerInvariant();
}

internal sealed record ThriftListType(ThriftType Element, bool IsSet) : ThriftType
{
    public override TType WireType => IsSet ? TType.Set : TType.List;

    public override string Describe() => $"{(IsSet ? "set" : "list")}<{Element.Describe()}>";
}

internal sealed record ThriftMapType(ThriftType Key, ThriftType Value) : ThriftType
{
    public override TType WireType => TType.Map;

    /// <summary>Maps with string, integer or enum keys are JSON objects; any other key type needs [key, value] pairs.</summary>
    public bool IsJsonObject => Key is ThriftEnumType || (Key is ThriftBaseType b && b.Base is ThriftBase.String or ThriftBase.Byte or ThriftBase.I16 or ThriftBase.I32 or ThriftBase.I64);

    public override string Describe() => $"map<{Key.Describe()}, {Value.Describe()}>";
}

/// <summary>A struct, union or exception by its qualified name, looked up in the schema (so a struct may contain itself).</summary>
internal sealed record ThriftStructType(string Name) : ThriftType
{
    public override TType WireType => TType.Struct;

    public override string Describe() => Name;
}

internal sealed record ThriftEnumType(ThriftEnumDefinition Enum) : ThriftType
{
    public override TType WireType => TType.I32;

    public override string Describe() => Enum.Name;
}

internal sealed record ThriftEnumDefinition(string Name, IReadOnlyList<(string Name, int Value)> Values)
{
    public int? NumberOf(string name)
    {
        foreach (var value in Values)
        {
            if (value.Name == name)
            {
                return value.Value;
            }
        }

        return null;
    }

    // Two names may share a number; the first one written is the one shown.
    public string? NameOf(int number) => Values.FirstOrDefault(v => v.Value == number).Name;
}

/// <summary>A field; Default is the IDL's default value already in the JSON form the encoder takes.</summary>
internal sealed record ThriftFieldDefinition(short Id, string Name, ThriftType Type, ThriftRequiredness Requiredness, JsonNode? Default);

internal sealed record ThriftStructDefinition(string Name, ThriftStructKind Kind, IReadOnlyList<ThriftFieldDefinition> Fields)
{
    public ThriftFieldDefinition? FieldNamed(string name) => Fields.FirstOrDefault(f => f.Name == name);

    public ThriftFieldDefinition? FieldWithId(short id) => Fields.FirstOrDefault(f => f.Id == id);
}
