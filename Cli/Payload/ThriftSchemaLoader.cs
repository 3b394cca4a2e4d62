using System.Text.Json.Nodes;

namespace PerfFleet.Cli.Payload;

/// <summary>
/// Reads an IDL and its includes, then resolves every name: typedefs to what they stand for, references to
/// structs and enums, default values to JSON. Includes are looked for next to the including file, then next to
/// the IDL the user named (the compiler's <c>-I</c> for that directory).
/// </summary>
internal sealed class ThriftSchemaLoader
{
    private static readonly Dictionary<string, ThriftBase> BaseTypes = new(StringComparer.Ordinal)
    {
        ["bool"] = ThriftBase.Bool, ["byte"] = ThriftBase.Byte, ["i8"] = ThriftBase.Byte, ["i16"] = ThriftBase.I16,
        ["i32"] = ThriftBase.I32, ["i64"] = ThriftBase.I64, ["double"] = ThriftBase.Double, ["string"] = ThriftBase.String,
        ["slist"] = ThriftBase.String, ["binary"] = ThriftBase.Binary, ["uuid"] = ThriftBase.Uuid,
    };

    private readonly string mainDirectory;
    private readonly Dictionary<string, ThriftIdlFile> files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ThriftStructDefinition> structs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ThriftEnumDefinition> enums = new(StringComparer.Ordinal);
    private readonly HashSet<string> resolvingTypedefs = new(StringComparer.Ordinal);

    private ThriftSchemaLoader(string mainDirectory) => this.mainDirectory = mainDirectory;

    public static ThriftSchema Load(string idlPath, byte[] idlBytes)
    {
        var fullPath = Path.GetFullPath(idlPath);
        var loader = new ThriftSchemaLoader(Path.GetDirectoryName(fullPath)!);
        var main = loader.LoadFile(fullPath, Path.GetFileName(fullPath), idlBytes, isMain: true);
        foreach (var file in loader.files.Values)
        {
            loader.DefineStructs(file);
        }

        var schema = new ThriftSchema(main.DisplayName, loader.structs);
        loader.ApplyDefaults(schema);
        return schema;
    }

    // Defaults and consts become JSON, then are encoded once into nothing: a wrong one fails here, at its line,
    // rather than in the middle of encoding a body.
    private void ApplyDefaults(ThriftSchema schema)
    {
        var consts = new ThriftConstResolver(ResolveType, schema);
        var checks = new List<(ThriftIdlPosition Position, string What, ThriftType Type, JsonNode Value)>();
        foreach (var file in files.Values)
        {
            foreach (var syntax in file.Document.Structs)
            {
                var definition = structs[file.QualifiedName(syntax.Name)];
                var fields = definition.Fields.Select((field, i) =>
                {
                    if (syntax.Fields[i].Default is not { } value)
                    {
                        return field;
                    }

                    var json = consts.ToJson(value, field.Type, file);
                    checks.Add((syntax.Fields[i].Position, $"default value of {definition.Name}.{field.Name}", field.Type, json));
                    return field with { Default = json };
                }).ToList();
                structs[definition.Name] = definition with { Fields = fields };
            }

            foreach (var constant in file.Document.Consts)
            {
                var type = ResolveType(constant.Type, file);
                checks.Add((constant.Position, $"const {constant.Name}", type, consts.ToJson(constant.Value, type, file)));
            }
        }

        var writer = new ThriftJsonWriter(schema);
        foreach (var (position, what, type, value) in checks)
        {
            try
            {
                writer.Check(type, value);
            }
            catch (PayloadFormatException e)
            {
                throw position.Error($"{what}: {e.Message}");
            }
        }
    }

    private ThriftIdlFile LoadFile(string fullPath, string displayName, byte[] bytes, bool isMain)
    {
        var file = new ThriftIdlFile(fullPath, displayName, isMain, ThriftIdlParser.Parse(ThriftIdlFile.DecodeText(bytes, displayName), displayName));
        files[fullPath] = file;
        foreach (var include in file.Document.Includes)
        {
            var included = Include(file, include);
            if (!file.Included.TryAdd(included.Prefix, included) && file.Included[included.Prefix] != included)
            {
                throw include.Position.Error($"two included files are named {included.Prefix}.thrift: their types could not be told apart");
            }
        }

        return file;
    }

    private ThriftIdlFile Include(ThriftIdlFile from, ThriftIncludeSyntax include)
    {
        var candidates = new[] { Path.GetDirectoryName(from.FullPath)!, mainDirectory }
            .Distinct(StringComparer.Ordinal)
            .Select(directory => Path.GetFullPath(Path.Combine(directory, include.Path)));
        var found = candidates.FirstOrDefault(File.Exists)
            ?? throw include.Position.Error($"included file \"{include.Path}\" is not found next to {from.DisplayName}{(from.IsMain ? "" : " nor next to the IDL")}");
        if (files.TryGetValue(found, out var loaded))
        {
            return loaded; // included twice, or a cycle: one copy of its definitions
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(found);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw include.Position.Error($"included file \"{include.Path}\" cannot be read: {e.Message}");
        }

        var display = Path.GetRelativePath(mainDirectory, found).Replace('\\', '/');
        return LoadFile(found, display, bytes, isMain: false);
    }

    private void DefineStructs(ThriftIdlFile file)
    {
        foreach (var definition in file.Document.Structs)
        {
            var ids = new HashSet<short>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var fields = new List<ThriftFieldDefinition>();
            foreach (var field in definition.Fields)
            {
                if (!ids.Add(field.Id))
                {
                    throw field.Position.Error($"field id {field.Id} is used twice in {definition.Name}");
                }

                if (!names.Add(field.Name))
                {
                    throw field.Position.Error($"field \"{field.Name}\" is defined twice in {definition.Name}");
                }

                // Defaults become JSON once every struct is known (a default may be a struct value).
                fields.Add(new ThriftFieldDefinition(field.Id, field.Name, ResolveType(field.Type, file), field.Requiredness, null));
            }

            var name = file.QualifiedName(definition.Name);
            if (!structs.TryAdd(name, new ThriftStructDefinition(name, definition.Kind, fields)))
            {
                throw definition.Position.Error($"{name} is defined in two files with the same name");
            }
        }
    }

    public ThriftType ResolveType(ThriftTypeSyntax syntax, ThriftIdlFile file) => syntax switch
    {
        ThriftListTypeSyntax list => new ThriftListType(ResolveType(list.Element, file), list.IsSet),
        ThriftMapTypeSyntax map => new ThriftMapType(ResolveType(map.Key, file), ResolveType(map.Value, file)),
        ThriftNamedTypeSyntax named => ResolveNamed(named, file),
        _ => throw syntax.Position.Error("unsupported type"),
    };

    private ThriftType ResolveNamed(ThriftNamedTypeSyntax named, ThriftIdlFile file)
    {
        if (BaseTypes.TryGetValue(named.Name, out var baseType))
        {
            return new ThriftBaseType(baseType);
        }

        if (file.Find(named.Name) is not var (owner, name))
        {
            var dot = named.Name.IndexOf('.', StringComparison.Ordinal);
            var hint = dot > 0 && !file.Included.ContainsKey(named.Name[..dot]) ? $" ({file.DisplayName} includes no file named {named.Name[..dot]}.thrift)" : "";
            throw named.Position.Error($"unknown type \"{named.Name}\"{hint}");
        }

        var qualified = owner.QualifiedName(name);
        if (owner.Document.Structs.Any(s => s.Name == name))
        {
            return new ThriftStructType(qualified);
        }

        if (owner.Document.Enums.FirstOrDefault(e => e.Name == name) is { } enumSyntax)
        {
            if (!enums.TryGetValue(qualified, out var definition))
            {
                enums[qualified] = definition = new ThriftEnumDefinition(qualified, enumSyntax.Values);
            }

            return new ThriftEnumType(definition);
        }

        if (owner.Document.Typedefs.FirstOrDefault(t => t.Name == name) is { } typedef)
        {
            var key = owner.FullPath + "\n" + name;
            if (!resolvingTypedefs.Add(key))
            {
                throw typedef.Position.Error($"typedef {name} is defined in terms of itself");
            }

            try
            {
                return ResolveType(typedef.Type, owner);
            }
            finally
            {
                resolvingTypedefs.Remove(key);
            }
        }

        throw named.Position.Error($"\"{named.Name}\" is a const, not a type");
    }
}
