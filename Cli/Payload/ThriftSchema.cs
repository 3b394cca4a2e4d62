namespace PerfFleet.Cli.Payload;

/// <summary>
/// The structs of an IDL and the files it includes, by qualified name: plain in the IDL the user named,
/// <c>file.Name</c> for an included file's (as Thrift itself writes references to them).
/// </summary>
internal sealed class ThriftSchema(string file, IReadOnlyDictionary<string, ThriftStructDefinition> structs)
{
    private readonly string mainPrefix = Path.GetFileNameWithoutExtension(file) + ".";

    /// <summary>A struct by the name the user gives: <c>Order</c>, <c>common.Address</c>, or <c>shop.Order</c> for shop.thrift's own.</summary>
    public ThriftStructDefinition Struct(string name) =>
        structs.TryGetValue(name, out var found) || (name.StartsWith(mainPrefix, StringComparison.Ordinal) && structs.TryGetValue(name[mainPrefix.Length..], out found))
            ? found
            : throw new PayloadFormatException($"{file}: struct \"{name}\" is not in the IDL (it has: {string.Join(", ", structs.Keys.Take(30))})");

    public ThriftStructDefinition StructOf(ThriftStructType type) => structs[type.Name];

    /// <summary>Every struct, union and exception: the IDL's own first, then the included files'.</summary>
    public IEnumerable<ThriftStructDefinition> Structs => structs.Values;
}
