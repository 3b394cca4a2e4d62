using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PerfFleet.Cli.Payload;

/// <summary>
/// Turns an IDL constant (a field default or a <c>const</c>) into the JSON a body would give for that type, so
/// defaults are encoded by the same code as bodies. Identifiers are enum values (<c>Color.RED</c>), other consts
/// or true/false; the writer's check afterwards catches values of the wrong type or range.
/// </summary>
internal sealed class ThriftConstResolver(Func<ThriftTypeSyntax, ThriftIdlFile, ThriftType> resolveType, ThriftSchema schema)
{
    private readonly HashSet<string> resolving = new(StringComparer.Ordinal);

    public JsonNode ToJson(ThriftConstSyntax value, ThriftType type, ThriftIdlFile file) => value switch
    {
        ThriftScalarConstSyntax { Kind: ThriftIdlTokenKind.Identifier } name => Identifier(name, type, file),
        ThriftScalarConstSyntax scalar => Scalar(scalar, type),
        ThriftListConstSyntax list => List(list, type, file),
        ThriftMapConstSyntax map => Map(map, type, file),
        _ => throw value.Position.Error("unsupported value"),
    };

    private static JsonValue Scalar(ThriftScalarConstSyntax scalar, ThriftType type)
    {
        var baseType = (type as ThriftBaseType)?.Base;
        return scalar.Kind switch
        {
            ThriftIdlTokenKind.Integer when baseType == ThriftBase.Bool && scalar.Text is "0" or "1" => JsonValue.Create(scalar.Text == "1"),
            ThriftIdlTokenKind.Integer => JsonValue.Create(long.Parse(scalar.Text, CultureInfo.InvariantCulture)),
            ThriftIdlTokenKind.Double => JsonValue.Create(double.Parse(scalar.Text, CultureInfo.InvariantCulture)),
            _ when baseType == ThriftBase.Binary => JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(scalar.Text))),
            _ => JsonValue.Create(scalar.Text),
        };
    }

    private JsonNode Identifier(ThriftScalarConstSyntax name, ThriftType type, ThriftIdlFile file)
    {
        if (name.Text is "true" or "false")
        {
            return JsonValue.Create(name.Text == "true");
        }

        if (file.Find(name.Text) is var (owner, bare) && owner.Document.Consts.FirstOrDefault(c => c.Name == bare) is { } constant)
        {
            var key = owner.FullPath + "\n" + bare;
            if (!resolving.Add(key))
            {
                throw name.Position.Error($"const {bare} is defined in terms of itself");
            }

            try
            {
                // The const's own declared type must resolve; its value is then read as the type wanted here.
                resolveType(constant.Type, owner);
                return ToJson(constant.Value, type, owner);
            }
            finally
            {
                resolving.Remove(key);
            }
        }

        var member = name.Text[(name.Text.LastIndexOf('.') + 1)..];
        if (type is ThriftEnumType enumType && enumType.Enum.NumberOf(member) is not null)
        {
            return JsonValue.Create(member);
        }

        throw name.Position.Error(type is ThriftEnumType e
            ? $"\"{name.Text}\" is not a value of {e.Enum.Name}"
            : $"\"{name.Text}\" is not a const of {file.DisplayName} nor of a file it includes");
    }

    private JsonArray List(ThriftListConstSyntax list, ThriftType type, ThriftIdlFile file)
    {
        var element = type is ThriftListType l ? l.Element : throw list.Position.Error($"a list is not a {type.Describe()} value");
        return new JsonArray([.. list.Items.Select(item => ToJson(item, element, file))]);
    }

    private JsonNode Map(ThriftMapConstSyntax map, ThriftType type, ThriftIdlFile file)
    {
        if (type is ThriftStructType structType)
        {
            var definition = schema.StructOf(structType);
            var json = new JsonObject();
            foreach (var (key, value) in map.Entries)
            {
                var fieldName = key is ThriftScalarConstSyntax { Kind: ThriftIdlTokenKind.String } s ? s.Text : throw key.Position.Error("a struct value's keys are field names in quotes");
                var field = definition.FieldNamed(fieldName) ?? throw key.Position.Error($"{definition.Name} has no field \"{fieldName}\"");
                json[fieldName] = ToJson(value, field.Type, file);
            }

            return json;
        }

        if (type is not ThriftMapType mapType)
        {
            throw map.Position.Error($"a map is not a {type.Describe()} value");
        }

        if (!mapType.IsJsonObject)
        {
            return new JsonArray([.. map.Entries.Select(e => new JsonArray(ToJson(e.Key, mapType.Key, file), ToJson(e.Value, mapType.Value, file)))]);
        }

        var entries = new JsonObject();
        foreach (var (key, value) in map.Entries)
        {
            var keyJson = ToJson(key, mapType.Key, file);
            entries[keyJson.GetValueKind() == System.Text.Json.JsonValueKind.String ? keyJson.GetValue<string>() : keyJson.ToJsonString()] = ToJson(value, mapType.Value, file);
        }

        return entries;
    }
}
