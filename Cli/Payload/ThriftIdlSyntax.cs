namespace PerfFleet.Cli.Payload;

// What one IDL file says, before names are resolved across files: the parser's output.

/// <summary>A type as written: a base type or container by name, or a reference to a named type.</summary>
internal abstract record ThriftTypeSyntax(ThriftIdlPosition Position);

internal sealed record ThriftNamedTypeSyntax(string Name, ThriftIdlPosition Position) : ThriftTypeSyntax(Position);

internal sealed record ThriftListTypeSyntax(ThriftTypeSyntax Element, bool IsSet, ThriftIdlPosition Position) : ThriftTypeSyntax(Position);

internal sealed record ThriftMapTypeSyntax(ThriftTypeSyntax Key, ThriftTypeSyntax Value, ThriftIdlPosition Position) : ThriftTypeSyntax(Position);

/// <summary>A constant value as written (field defaults and <c>const</c>): typed only once its target type is known.</summary>
internal abstract record ThriftConstSyntax(ThriftIdlPosition Position);

/// <summary>An integer, a double, a string literal or an identifier (an enum value, another const, true/false).</summary>
internal sealed record ThriftScalarConstSyntax(ThriftIdlTokenKind Kind, string Text, ThriftIdlPosition Position) : ThriftConstSyntax(Position);

internal sealed record ThriftListConstSyntax(IReadOnlyList<ThriftConstSyntax> Items, ThriftIdlPosition Position) : ThriftConstSyntax(Position);

internal sealed record ThriftMapConstSyntax(IReadOnlyList<(ThriftConstSyntax Key, ThriftConstSyntax Value)> Entries, ThriftIdlPosition Position) : ThriftConstSyntax(Position);

internal enum ThriftRequiredness
{
    Default,
    Required,
    Optional,
}

internal enum ThriftStructKind
{
    Struct,
    Union,
    Exception,
}

internal sealed record ThriftFieldSyntax(short Id, ThriftRequiredness Requiredness, ThriftTypeSyntax Type, string Name, ThriftConstSyntax? Default, ThriftIdlPosition Position);

internal sealed record ThriftStructSyntax(ThriftStructKind Kind, string Name, IReadOnlyList<ThriftFieldSyntax> Fields, ThriftIdlPosition Position);

internal sealed record ThriftEnumSyntax(string Name, IReadOnlyList<(string Name, int Value)> Values, ThriftIdlPosition Position);

internal sealed record ThriftTypedefSyntax(string Name, ThriftTypeSyntax Type, ThriftIdlPosition Position);

internal sealed record ThriftConstDefinitionSyntax(string Name, ThriftTypeSyntax Type, ThriftConstSyntax Value, ThriftIdlPosition Position);

internal sealed record ThriftIncludeSyntax(string Path, ThriftIdlPosition Position);

/// <summary>One parsed file. Namespaces, cpp_include, annotations and services are read and dropped: they do not shape bytes.</summary>
internal sealed record ThriftIdlDocument(
    IReadOnlyList<ThriftIncludeSyntax> Includes,
    IReadOnlyList<ThriftStructSyntax> Structs,
    IReadOnlyList<ThriftEnumSyntax> Enums,
    IReadOnlyList<ThriftTypedefSyntax> Typedefs,
    IReadOnlyList<ThriftConstDefinitionSyntax> Consts);
