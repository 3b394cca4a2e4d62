using System.Globalization;

namespace PerfFleet.Cli.Payload;

/// <summary>
/// Parses one Thrift IDL file (the grammar of the Apache Thrift compiler) into its definitions. Services,
/// namespaces and annotations are parsed only far enough to be skipped: a body is one struct's bytes.
/// </summary>
internal sealed class ThriftIdlParser
{
    private readonly List<ThriftIdlToken> tokens;
    private readonly List<ThriftIncludeSyntax> includes = [];
    private readonly List<ThriftStructSyntax> structs = [];
    private readonly List<ThriftEnumSyntax> enums = [];
    private readonly List<ThriftTypedefSyntax> typedefs = [];
    private readonly List<ThriftConstDefinitionSyntax> consts = [];
    private int next;

    private ThriftIdlParser(List<ThriftIdlToken> tokens) => this.tokens = tokens;

    private ThriftIdlToken Current => tokens[next];

    public static ThriftIdlDocument Parse(string text, string file)
    {
        var parser = new ThriftIdlParser(ThriftIdlTokenizer.Tokenize(text, file));
        parser.ParseDocument();
        return new ThriftIdlDocument(parser.includes, parser.structs, parser.enums, parser.typedefs, parser.consts);
    }

    private void ParseDocument()
    {
        while (Current.Kind != ThriftIdlTokenKind.End)
        {
            var keyword = Take();
            switch (keyword.Kind == ThriftIdlTokenKind.Identifier ? keyword.Text : "")
            {
                case "include":
                    includes.Add(new ThriftIncludeSyntax(Expect(ThriftIdlTokenKind.String, "a file name in quotes").Text, keyword.Position));
                    break;
                case "cpp_include":
                    Expect(ThriftIdlTokenKind.String, "a file name in quotes");
                    break;
                case "namespace":
                    SkipNamespace();
                    break;
                case "typedef":
                    var type = ParseType();
                    typedefs.Add(new ThriftTypedefSyntax(Name("a typedef name"), type, keyword.Position));
                    SkipAnnotations();
                    break;
                case "const":
                    ParseConst(keyword.Position);
                    break;
                case "enum":
                    ParseEnum(keyword.Position);
                    break;
                case "struct":
                    ParseStruct(ThriftStructKind.Struct, keyword.Position);
                    break;
                case "union":
                    ParseStruct(ThriftStructKind.Union, keyword.Position);
                    break;
                case "exception":
                    ParseStruct(ThriftStructKind.Exception, keyword.Position);
                    break;
                case "service":
                    SkipService();
                    break;
                default:
                    throw keyword.Position.Error($"expected a definition (struct, union, exception, enum, typedef, const, service, include, namespace), found {keyword.Describe()}");
            }

            SkipSeparator();
        }
    }

    private void SkipNamespace()
    {
        // "namespace java com.acme.shop", "namespace * shop"; the old "php_namespace x" forms are not supported.
        if (!Current.IsSymbol('*'))
        {
            Name("a namespace scope (a language name or *)");
        }
        else
        {
            next++;
        }

        if (Current.Kind is ThriftIdlTokenKind.Identifier or ThriftIdlTokenKind.String)
        {
            next++;
        }
        else
        {
            throw Current.Position.Error($"expected a namespace name, found {Current.Describe()}");
        }

        SkipAnnotations();
    }

    private void ParseConst(ThriftIdlPosition position)
    {
        var type = ParseType();
        var name = Name("a const name");
        ExpectSymbol('=');
        consts.Add(new ThriftConstDefinitionSyntax(name, type, ParseConstValue(), position));
    }

    private void ParseEnum(ThriftIdlPosition position)
    {
        var name = Name("an enum name");
        ExpectSymbol('{');
        var values = new List<(string, int)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long value = -1;
        while (!TrySymbol('}'))
        {
            var member = Expect(ThriftIdlTokenKind.Identifier, "an enum value name or }");
            if (!seen.Add(member.Text))
            {
                throw member.Position.Error($"enum {name} has \"{member.Text}\" twice");
            }

            if (TrySymbol('='))
            {
                var number = Expect(ThriftIdlTokenKind.Integer, "an integer");
                value = long.Parse(number.Text, CultureInfo.InvariantCulture);
                if (value is < int.MinValue or > int.MaxValue)
                {
                    throw number.Position.Error($"enum value {member.Text} = {value} does not fit in i32");
                }
            }
            else if (++value > int.MaxValue)
            {
                throw member.Position.Error($"enum value {member.Text} would be {value}, which does not fit in i32");
            }

            values.Add((member.Text, (int)value));
            SkipAnnotations();
            SkipSeparator();
        }

        enums.Add(new ThriftEnumSyntax(name, values, position));
        SkipAnnotations();
    }

    private void ParseStruct(ThriftStructKind kind, ThriftIdlPosition position)
    {
        var name = Name($"a {kind.ToString().ToLowerInvariant()} name");
        if (Current.IsWord("xsd_all"))
        {
            next++;
        }

        ExpectSymbol('{');
        var fields = new List<ThriftFieldSyntax>();
        while (!TrySymbol('}'))
        {
            fields.Add(ParseField(name));
        }

        structs.Add(new ThriftStructSyntax(kind, name, fields, position));
        SkipAnnotations();
    }

    private ThriftFieldSyntax ParseField(string owner)
    {
        var start = Current.Position;
        if (Current.Kind != ThriftIdlTokenKind.Integer)
        {
            // The compiler gives such fields negative ids with a warning; a payload needs the real ones.
            throw start.Error($"expected a field id (as in \"1: i32 count\") in {owner}, found {Current.Describe()}");
        }

        var id = long.Parse(Take().Text, CultureInfo.InvariantCulture);
        if (id is < 1 or > short.MaxValue)
        {
            throw start.Error($"field id {id} in {owner} is not between 1 and {short.MaxValue}");
        }

        ExpectSymbol(':');
        var requiredness = ThriftRequiredness.Default;
        if (Current.IsWord("required") || Current.IsWord("optional"))
        {
            requiredness = Take().Text == "required" ? ThriftRequiredness.Required : ThriftRequiredness.Optional;
        }

        var type = ParseType();
        var name = Name("a field name");
        ThriftConstSyntax? defaultValue = null;
        if (TrySymbol('='))
        {
            defaultValue = ParseConstValue();
        }

        SkipAnnotations();
        SkipSeparator();
        return new ThriftFieldSyntax((short)id, requiredness, type, name, defaultValue, start);
    }

    private ThriftTypeSyntax ParseType()
    {
        var token = Expect(ThriftIdlTokenKind.Identifier, "a type");
        ThriftTypeSyntax type;
        switch (token.Text)
        {
            case "map":
                SkipCppType();
                ExpectSymbol('<');
                var key = ParseType();
                ExpectSymbol(',');
                var value = ParseType();
                ExpectSymbol('>');
                type = new ThriftMapTypeSyntax(key, value, token.Position);
                break;
            case "list" or "set":
                SkipCppType();
                ExpectSymbol('<');
                var element = ParseType();
                ExpectSymbol('>');
                SkipCppType();
                type = new ThriftListTypeSyntax(element, token.Text == "set", token.Position);
                break;
            default:
                type = new ThriftNamedTypeSyntax(token.Text, token.Position);
                break;
        }

        SkipAnnotations();
        return type;
    }

    private ThriftConstSyntax ParseConstValue()
    {
        var token = Take();
        if (token.IsSymbol('['))
        {
            var items = new List<ThriftConstSyntax>();
            while (!TrySymbol(']'))
            {
                items.Add(ParseConstValue());
                SkipSeparator();
            }

            return new ThriftListConstSyntax(items, token.Position);
        }

        if (token.IsSymbol('{'))
        {
            var entries = new List<(ThriftConstSyntax, ThriftConstSyntax)>();
            while (!TrySymbol('}'))
            {
                var key = ParseConstValue();
                ExpectSymbol(':');
                entries.Add((key, ParseConstValue()));
                SkipSeparator();
            }

            return new ThriftMapConstSyntax(entries, token.Position);
        }

        return token.Kind is ThriftIdlTokenKind.Integer or ThriftIdlTokenKind.Double or ThriftIdlTokenKind.String or ThriftIdlTokenKind.Identifier
            ? new ThriftScalarConstSyntax(token.Kind, token.Text, token.Position)
            : throw token.Position.Error($"expected a value, found {token.Describe()}");
    }

    // A service's functions never shape a body: skip to its closing brace, counting nested braces.
    private void SkipService()
    {
        Name("a service name");
        if (Current.IsWord("extends"))
        {
            next++;
            Name("the name of the service it extends");
        }

        var open = Current.Position;
        ExpectSymbol('{');
        for (var depth = 1; depth > 0; next++)
        {
            if (Current.Kind == ThriftIdlTokenKind.End)
            {
                throw open.Error("service body \"{\" is never closed");
            }

            depth += Current.IsSymbol('{') ? 1 : Current.IsSymbol('}') ? -1 : 0;
        }

        SkipAnnotations();
    }

    // "(cpp.type = "x", python.immutable)": annotations for code generators, not for the wire.
    private void SkipAnnotations()
    {
        if (!Current.IsSymbol('('))
        {
            return;
        }

        var open = Take().Position;
        for (; !Current.IsSymbol(')'); next++)
        {
            if (Current.Kind == ThriftIdlTokenKind.End)
            {
                throw open.Error("annotation \"(\" is never closed");
            }
        }

        next++;
    }

    private void SkipCppType()
    {
        if (Current.IsWord("cpp_type"))
        {
            next++;
            Expect(ThriftIdlTokenKind.String, "a C++ type in quotes");
        }
    }

    private void SkipSeparator()
    {
        if (Current.IsSymbol(',') || Current.IsSymbol(';'))
        {
            next++;
        }
    }

    private string Name(string what)
    {
        var token = Expect(ThriftIdlTokenKind.Identifier, what);
        return token.Text.Contains('.', StringComparison.Ordinal) && what.EndsWith(" name", StringComparison.Ordinal)
            ? throw token.Position.Error($"{what} cannot contain '.': \"{token.Text}\"")
            : token.Text;
    }

    private ThriftIdlToken Take() => tokens[Current.Kind == ThriftIdlTokenKind.End ? next : next++];

    private ThriftIdlToken Expect(ThriftIdlTokenKind kind, string what) =>
        Current.Kind == kind ? Take() : throw Current.Position.Error($"expected {what}, found {Current.Describe()}");

    private void ExpectSymbol(char symbol)
    {
        if (!TrySymbol(symbol))
        {
            throw Current.Position.Error($"expected \"{symbol}\", found {Current.Describe()}");
        }
    }

    private bool TrySymbol(char symbol)
    {
        if (!Current.IsSymbol(symbol))
        {
            if (Current.Kind == ThriftIdlTokenKind.End && symbol is '}' or ']' or ')')
            {
                throw Current.Position.Error($"expected \"{symbol}\", found the end of the file");
            }

            return false;
        }

        next++;
        return true;
    }
}
