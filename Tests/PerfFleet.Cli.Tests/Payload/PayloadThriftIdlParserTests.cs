using PerfFleet.Cli.Payload;

namespace PerfFleet.Cli.Tests.Payload;

public sealed class PayloadThriftIdlParserTests
{
    [Fact]
    public void Tokenize_NumbersStringsAndComments_KeepValuesAndPositions()
    {
        var tokens = ThriftIdlTokenizer.Tokenize("a.b 0x1F -0x10 +7 -2.5e3 .5 'it\\'s' \"q\\\"\" # x\n/* y\n z */ // w\n;", "f.thrift");

        Assert.Equal(
            ["Identifier a.b", "Integer 31", "Integer -16", "Integer 7", "Double -2.5e3", "Double .5", "String it's", "String q\"", "Symbol ;", "End "],
            tokens.Select(t => $"{t.Kind} {t.Text}"));
        Assert.Equal(new ThriftIdlPosition("f.thrift", 4, 1), tokens[^2].Position);
        Assert.Equal(new ThriftIdlPosition("f.thrift", 1, 5), tokens[1].Position);
    }

    [Fact]
    public void Parse_ServicesNamespacesAndAnnotations_AreSkippedAndDefinitionsKept()
    {
        var document = ThriftIdlParser.Parse("""
            namespace * shop
            namespace java com.acme // trailing
            include "a.thrift"
            service S extends a.Base {
              list<i32> (python.immutable = "") f(1: map<string, i32> m = {"x": 1}) throws (1: E e)
              oneway void g() (priority = "low"),
            } (deprecated)
            typedef map<string, list<set<i64>>> Nested (cpp.type = "x");
            struct A { 1: optional Nested n = {"k": [[1, 2]]} (go.tag = "n"); 2: required i32 r } (final)
            enum E { X = 1; Y }
            const double PI = 3.14
            """, "s.thrift");

        Assert.Equal("a.thrift", Assert.Single(document.Includes).Path);
        var field = Assert.Single(document.Structs).Fields[0];
        Assert.Equal((1, ThriftRequiredness.Optional, "n"), (field.Id, field.Requiredness, field.Name));
        Assert.IsType<ThriftMapConstSyntax>(field.Default);
        Assert.Equal(ThriftRequiredness.Required, document.Structs[0].Fields[1].Requiredness);
        Assert.Equal([("X", 1), ("Y", 2)], Assert.Single(document.Enums).Values);
        var typedef = Assert.Single(document.Typedefs);
        Assert.Equal("Nested", typedef.Name);
        Assert.IsType<ThriftMapTypeSyntax>(typedef.Type);
        Assert.Equal("PI", Assert.Single(document.Consts).Name);
    }

    [Theory]
    [InlineData("service S { void f() }\nservice T {\n void g()", "s.thrift:2:11: service body \"{\" is never closed")]
    [InlineData("struct A { 1: i32 x (a = \"b\" }", "s.thrift:1:21: annotation \"(\" is never closed")]
    [InlineData("enum E { A = 3000000000 }", "s.thrift:1:14: enum value A = 3000000000 does not fit in i32")]
    [InlineData("struct a.b { }", "s.thrift:1:8: a struct name cannot contain '.': \"a.b\"")]
    [InlineData("include shop.thrift", "s.thrift:1:9: expected a file name in quotes, found \"shop.thrift\"")]
    [InlineData("const i32 X 5", "s.thrift:1:13: expected \"=\", found \"5\"")]
    [InlineData("struct A { 1: i32 x = }", "s.thrift:1:23: expected a value, found \"}\"")]
    [InlineData("struct A { 1: map<i32> m }", "s.thrift:1:22: expected \",\", found \">\"")]
    public void Parse_Malformed_NamesFileLineAndColumn(string idl, string expected)
    {
        var error = Assert.Throws<PayloadFormatException>(() => ThriftIdlParser.Parse(idl, "s.thrift"));

        Assert.Equal(expected, error.Message);
    }
}
