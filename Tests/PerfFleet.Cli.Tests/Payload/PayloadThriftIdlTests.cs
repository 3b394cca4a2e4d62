using System.Text;
using System.Text.Json.Nodes;

namespace PerfFleet.Cli.Tests.Payload;

public sealed class PayloadThriftIdlTests : IDisposable
{
    private readonly PayloadFiles files = new();

    [Theory]
    [InlineData("struct A {\n  1: i32 x\n  2 string y\n}", "bad.thrift:3:5: expected \":\", found \"string\"")]
    [InlineData("struct A {\n  i32 x\n}", "bad.thrift:2:3: expected a field id (as in \"1: i32 count\") in A, found \"i32\"")]
    [InlineData("struct A {\n  0: i32 x\n}", "bad.thrift:2:3: field id 0 in A is not between 1 and 32767")]
    [InlineData("struct A {\n  1: i32 x\n  1: i32 y\n}", "bad.thrift:3:3: field id 1 is used twice in A")]
    [InlineData("struct A {\n  1: i32 x\n  2: i64 x\n}", "bad.thrift:3:3: field \"x\" is defined twice in A")]
    [InlineData("struct A {\n  1: Lne x\n}", "bad.thrift:2:6: unknown type \"Lne\"")]
    [InlineData("struct A {\n  1: other.B x\n}", "bad.thrift:2:6: unknown type \"other.B\" (bad.thrift includes no file named other.thrift)")]
    [InlineData("struct A {\n  1: i32 x\n", "bad.thrift:3:1: expected \"}\", found the end of the file")]
    [InlineData("/* never\n closed\nstruct A {}", "bad.thrift:1:1: comment \"/*\" is never closed")]
    [InlineData("struct A {\n  1: i8 x = 300\n}", "bad.thrift:2:3: default value of A.x: $: 300 is out of range for i8 (-128 to 127)")]
    [InlineData("enum E { ONE }\nstruct A {\n  1: E e = E.TWO\n}", "bad.thrift:3:12: \"E.TWO\" is not a value of E")]
    [InlineData("struct A {\n  1: list<i32> xs = {\"a\": 1}\n}", "bad.thrift:2:21: a map is not a list<i32> value")]
    [InlineData("typedef B A\ntypedef A B\nstruct S { 1: A a }", "bad.thrift:1:1: typedef A is defined in terms of itself")]
    [InlineData("struct A {}\nenum A { X }", "bad.thrift:2:1: \"A\" is defined twice in bad.thrift")]
    [InlineData("const i16 BIG = 70000\nstruct A {}", "bad.thrift:1:1: const BIG: $: 70000 is out of range for i16 (-32768 to 32767)")]
    [InlineData("struct A { 1: string s = 'open\n}", "bad.thrift:1:26: string literal is never closed on its line")]
    [InlineData("struct A { 1: i32 x } @", "bad.thrift:1:23: unexpected character '@'")]
    [InlineData("senum S { \"a\" }", "bad.thrift:1:1: expected a definition (struct, union, exception, enum, typedef, const, service, include, namespace), found \"senum\"")]
    [InlineData("include \"missing.thrift\"\nstruct A {}", "bad.thrift:1:1: included file \"missing.thrift\" is not found next to bad.thrift")]
    public async Task Encode_BrokenIdl_ExitsInputErrorNamingFileLineAndColumn(string idl, string expected)
    {
        var run = await CliRun.RunAsync("payload", "encode", files.Write("r.json", "[]"), "--thrift-idl", files.Write("bad.thrift", idl), "--thrift-struct", "A");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("error: --thrift-idl " + expected, run.OneErrorLine());
    }

    [Fact]
    public async Task Encode_ErrorInAnIncludedFile_NamesThatFileRelativeToTheIdl()
    {
        Directory.CreateDirectory(files.PathOf("shared"));
        files.Write("shared/money.thrift", "include \"units.thrift\"\nstruct Money { 1: units.Cents amount }");
        files.Write("shared/units.thrift", "# units\ntypedef i64 Cents\nstruct Unit {\n  1: Cent x\n}");
        var idl = files.Write("shop.thrift", "include \"shared/money.thrift\"\nstruct Order { 1: money.Money total }");

        var run = await CliRun.RunAsync("payload", "encode", files.Write("r.json", "[]"), "--thrift-idl", idl, "--thrift-struct", "Order");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("error: --thrift-idl shared/units.thrift:4:6: unknown type \"Cent\"", run.OneErrorLine());
    }

    [Fact]
    public async Task Encode_NestedIncludes_ResolveNextToTheIncludingFileAndAcrossCycles()
    {
        Directory.CreateDirectory(files.PathOf("shared"));
        files.Write("shared/money.thrift", "include \"units.thrift\"\ninclude \"../shop.thrift\"\ntypedef units.Cents Amount\nstruct Money { 1: Amount amount, 2: units.Unit unit = units.Unit.EUR }");
        files.Write("shared/units.thrift", "typedef i64 Cents\nenum Unit { EUR = 978, CHF = 756 }");
        var idl = files.Write("shop.thrift", "include \"shared/money.thrift\"\nstruct Order { 1: money.Money total, 2: list<money.Money> parts }");
        var readable = files.Write("r.json", """[{"method": "POST", "path": "/o", "body": {"total": {"amount": 12}, "parts": [{"amount": 5, "unit": "CHF"}]}}]""");
        var encoded = files.PathOf("r.jsonl");

        var encode = await CliRun.RunAsync("payload", "encode", readable, "--out", encoded, "--thrift-idl", idl, "--thrift-struct", "Order");
        var decode = await CliRun.RunAsync("payload", "decode", encoded, "--thrift-idl", idl, "--thrift-struct", "Order");

        Assert.True(encode.ExitCode == ExitCodes.Ok, encode.ToString());
        Assert.True(decode.ExitCode == ExitCodes.Ok, decode.ToString());
        Assert.Equal("""{"total":{"amount":12,"unit":"EUR"},"parts":[{"amount":5,"unit":"CHF"}]}""", JsonNode.Parse(decode.Stdout)![0]!["body"]!.ToJsonString());
    }

    [Fact]
    public async Task Encode_IdlThatIsNotUtf8_ExitsInputErrorNamingTheLineAndColumn()
    {
        var bytes = Encoding.UTF8.GetBytes("struct A {\n  1: string caf").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes(" = \"x\"\n}")).ToArray();

        var run = await CliRun.RunAsync("payload", "encode", files.Write("r.json", "[]"), "--thrift-idl", files.Write("latin1.thrift", bytes), "--thrift-struct", "A");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("error: --thrift-idl latin1.thrift:2:16: the file is not UTF-8 text (byte 0xE9)", run.OneErrorLine());
    }

    [Fact]
    public async Task Encode_StructNotInTheIdl_ExitsInputErrorListingTheOnesItHas()
    {
        files.Write("common.thrift", ThriftIdls.Common);
        var idl = files.Write("shop.thrift", ThriftIdls.Shop);

        var run = await CliRun.RunAsync("payload", "encode", files.Write("r.json", "[]"), "--thrift-idl", idl, "--thrift-struct", "Ordr");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("error: --thrift-idl shop.thrift: struct \"Ordr\" is not in the IDL (it has: Line, Payment, OutOfStock, Order, common.Money, common.Address)", run.OneErrorLine());
    }

    [Fact]
    public async Task Encode_MissingIdl_ExitsInputError()
    {
        var run = await CliRun.RunAsync("payload", "encode", files.Write("r.json", "[]"), "--thrift-idl", files.PathOf("absent.thrift"), "--thrift-struct", "A");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("absent.thrift", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encode_IdlWithEveryConstruct_EncodesDefaultsFromConstsAndEnums()
    {
        var idl = files.Write("all.thrift", """
            namespace py all.things  // a comment after code
            cpp_include "<vector>"
            const i32 FIVE = 0x5;
            const string NAME = "n\"q"
            const map<i32, list<string>> BY_NUMBER = {1: ["one"], 2: ["two", "zwei"]}
            const Point ORIGIN = {"x": 0, "y": -0.5}
            enum Kind { A = -1, B, C = 0x10 (deprecated = "true") }
            struct Point { 1: i32 x, 2: double y } (final = "true")
            struct All {
              1: i32 five = FIVE
              2: string name = NAME
              3: map<i32, list<string>> by_number = BY_NUMBER
              4: Point origin = ORIGIN
              5: Kind kind = Kind.B
              6: bool flag = 1
              7: binary raw = "hi"
              8: set<Kind> kinds = [Kind.A, C]
              9: required double ratio = 1e-3
              10: optional i64 big = -9223372036854775808
              11: map<double, bool> weights = {0.5: true}
              12: byte small = -128
              13: list<uuid> ids = ["00000000-0000-0000-0000-000000000001"]
              14: map cpp_type "std::map" <string, i16> m = {}
              15: list<i32> cpp_type "std::vector<int>" l
            }
            exception Oops { 1: string why }
            service S extends other.Base { void f(1: All a) throws (1: Oops o), }
            """);
        var readable = files.Write("r.json", """[{"method": "POST", "path": "/a", "body": {}}]""");
        var encoded = files.PathOf("r.jsonl");

        var encode = await CliRun.RunAsync("payload", "encode", readable, "--out", encoded, "--thrift-idl", idl, "--thrift-struct", "All", "--thrift-protocol", "compact");
        var decode = await CliRun.RunAsync("payload", "decode", encoded, "--thrift-idl", idl, "--thrift-struct", "All", "--thrift-protocol", "compact");

        Assert.True(encode.ExitCode == ExitCodes.Ok, encode.ToString());
        Assert.True(decode.ExitCode == ExitCodes.Ok, decode.ToString());
        var expected = """
            {"five":5,"name":"n\"q","by_number":{"1":["one"],"2":["two","zwei"]},"origin":{"x":0,"y":-0.5},"kind":"B","flag":true,
             "raw":"aGk=","kinds":["A","C"],"ratio":0.001,"weights":[[0.5,true]],"small":-128,
             "ids":["00000000-0000-0000-0000-000000000001"],"m":{}}
            """;
        var body = JsonNode.Parse(decode.Stdout)![0]!["body"];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), body), body?.ToJsonString());
    }

    public void Dispose() => files.Dispose();
}
