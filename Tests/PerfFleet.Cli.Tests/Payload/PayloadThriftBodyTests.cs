using System.Text.Json.Nodes;
using PerfFleet.Cli.Payload;
using Thrift;
using Thrift.Protocol;
using Thrift.Protocol.Entities;
using Thrift.Transport.Client;

namespace PerfFleet.Cli.Tests.Payload;

public sealed class PayloadThriftBodyTests : IDisposable
{
    private readonly PayloadFiles files = new();

    public PayloadThriftBodyTests()
    {
        files.Write("common.thrift", ThriftIdls.Common);
        Idl = files.Write("shop.thrift", ThriftIdls.Shop);
    }

    private string Idl { get; }

    [Theory]
    [InlineData("binary")]
    [InlineData("compact")]
    public async Task EncodeThenDecode_RealisticOrder_GivesTheSameBodyBack(string protocol)
    {
        var readable = files.Write("orders.json", $"[{{\"method\": \"POST\", \"path\": \"/checkout\", \"headers\": {{}}, \"body\": {ThriftIdls.OrderBody}}}]");
        var encoded = files.PathOf("orders.jsonl");

        var encode = await CliRun.RunAsync("payload", "encode", readable, "--out", encoded, "--thrift-idl", Idl, "--thrift-struct", "Order", "--thrift-protocol", protocol);
        var decode = await CliRun.RunAsync("payload", "decode", encoded, "--thrift-idl", Idl, "--thrift-struct", "Order", "--thrift-protocol", protocol);

        Assert.True(encode.ExitCode == ExitCodes.Ok, encode.ToString());
        Assert.True(decode.ExitCode == ExitCodes.Ok, decode.ToString());
        var body = JsonNode.Parse(decode.Stdout)![0]!["body"];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ThriftIdls.OrderBody), body), body?.ToJsonString());
    }

    [Fact]
    public async Task DecodeThenEncode_ThriftLines_AreByteForByteTheSame()
    {
        var readable = files.Write("orders.json", $"[{{\"method\": \"POST\", \"path\": \"/checkout\", \"body\": {ThriftIdls.OrderBody}}}]");
        var lines = (await CliRun.RunAsync("payload", "encode", readable, "--thrift-idl", Idl, "--thrift-struct", "Order", "--thrift-protocol", "compact")).Stdout;
        var decoded = files.PathOf("decoded.json");
        await CliRun.RunAsync("payload", "decode", files.Write("in.jsonl", lines), "--out", decoded, "--thrift-idl", Idl, "--thrift-struct", "Order", "--thrift-protocol", "compact");

        var again = await CliRun.RunAsync("payload", "encode", decoded, "--thrift-idl", Idl, "--thrift-struct", "Order", "--thrift-protocol", "compact");

        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        Assert.Equal(lines, again.Stdout);
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("compact")]
    public async Task Encode_Line_IsWhatTheLibrarysProtocolWritesForTheGeneratedStruct(string protocol)
    {
        // As the Thrift compiler's C# code writes Line {sku, qty, price {amount, currency}}: fields in IDL order.
        var expected = await WrittenByTheLibrary(protocol, async p =>
        {
            await p.WriteStructBeginAsync(new TStruct("Line"), default);
            await p.WriteFieldBeginAsync(new TField("sku", TType.String, 1), default);
            await p.WriteStringAsync("A-1", default);
            await p.WriteFieldEndAsync(default);
            await p.WriteFieldBeginAsync(new TField("qty", TType.I16, 2), default);
            await p.WriteI16Async(-2, default);
            await p.WriteFieldEndAsync(default);
            await p.WriteFieldBeginAsync(new TField("price", TType.Struct, 3), default);
            await p.WriteStructBeginAsync(new TStruct("Money"), default);
            await p.WriteFieldBeginAsync(new TField("amount", TType.I64, 1), default);
            await p.WriteI64Async(-9_000_000_000, default);
            await p.WriteFieldEndAsync(default);
            await p.WriteFieldBeginAsync(new TField("currency", TType.I32, 2), default);
            await p.WriteI32Async(3, default);
            await p.WriteFieldEndAsync(default);
            await p.WriteFieldStopAsync(default);
            await p.WriteStructEndAsync(default);
            await p.WriteFieldEndAsync(default);
            await p.WriteFieldBeginAsync(new TField("tags", TType.Set, 4), default);
            await p.WriteSetBeginAsync(new TSet(TType.String, 1), default);
            await p.WriteStringAsync("é", default);
            await p.WriteSetEndAsync(default);
            await p.WriteFieldEndAsync(default);
            await p.WriteFieldStopAsync(default);
            await p.WriteStructEndAsync(default);
        });

        var body = await EncodeBody("""{"tags": ["é"], "price": {"currency": "GBP", "amount": "-9000000000"}, "qty": -2, "sku": "A-1"}""", "Line", protocol);

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(body));
    }

    [Fact]
    public async Task Encode_AbsentFieldsWithDefaults_WritesThemUnlessOptional()
    {
        // qty (default requiredness, = 1) is written; Money.currency (optional, = EUR) is left to the reader.
        var expected = await WrittenByTheLibrary("binary", async p =>
        {
            await p.WriteStructBeginAsync(new TStruct("Line"), default);
            await p.WriteFieldBeginAsync(new TField("sku", TType.String, 1), default);
            await p.WriteStringAsync("A", default);
            await p.WriteFieldEndAsync(default);
            await p.WriteFieldBeginAsync(new TField("qty", TType.I16, 2), default);
            await p.WriteI16Async(1, default);
            await p.WriteFieldEndAsync(default);
            await p.WriteFieldBeginAsync(new TField("price", TType.Struct, 3), default);
            await p.WriteStructBeginAsync(new TStruct("Money"), default);
            await p.WriteFieldBeginAsync(new TField("amount", TType.I64, 1), default);
            await p.WriteI64Async(7, default);
            await p.WriteFieldEndAsync(default);
            await p.WriteFieldStopAsync(default);
            await p.WriteStructEndAsync(default);
            await p.WriteFieldEndAsync(default);
            await p.WriteFieldStopAsync(default);
            await p.WriteStructEndAsync(default);
        });

        var body = await EncodeBody("""{"sku": "A", "price": {"amount": 7}}""", "Line", "binary");

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(body));
    }

    [Theory]
    [InlineData("Payment", """{"cash": true}""")]
    [InlineData("OutOfStock", """{"sku": "A-1", "available": 0}""")]
    [InlineData("shop.Line", """{"sku": "A-1", "qty": 3}""")]
    [InlineData("common.Address", """{"street": "Main St 1", "city": "Bern", "zip": "3000"}""")]
    public async Task EncodeThenDecode_UnionExceptionAndQualifiedNames_RoundTrip(string structName, string body)
    {
        var encoded = await EncodeBody(body, structName, "compact");

        var decoded = await CliRun.RunAsync("payload", "decode", files.Write("one.jsonl", $"{{\"method\":\"POST\",\"path\":\"/b\",\"body\":\"{Convert.ToBase64String(encoded)}\"}}\n"),
            "--thrift-idl", Idl, "--thrift-struct", structName, "--thrift-protocol", "compact");

        Assert.True(decoded.ExitCode == ExitCodes.Ok, decoded.ToString());
        Assert.Equal(JsonNode.Parse(body)!.ToJsonString(), JsonNode.Parse(decoded.Stdout)![0]!["body"]!.ToJsonString());
    }

    [Fact]
    public async Task Decode_FieldsTheIdlDoesNotKnow_AreSkipped()
    {
        files.Write("v2.thrift", "struct Money { 1: required i64 amount, 9: list<string> audit, 2: optional i32 currency, 10: map<i32, double> rates }");
        var lines = files.PathOf("v2.jsonl");
        await CliRun.RunAsync("payload", "encode", files.Write("v2.json", """[{"method": "POST", "path": "/m", "body": {"amount": 5, "audit": ["x"], "currency": 2, "rates": {"1": 0.5}}}]"""),
            "--out", lines, "--thrift-idl", files.PathOf("v2.thrift"), "--thrift-struct", "Money");

        var decoded = await CliRun.RunAsync("payload", "decode", lines, "--thrift-idl", Idl, "--thrift-struct", "common.Money");

        Assert.True(decoded.ExitCode == ExitCodes.Ok, decoded.ToString());
        Assert.Equal("""{"amount":5,"currency":"USD"}""", JsonNode.Parse(decoded.Stdout)![0]!["body"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"id": "x", "lines": [{"sku": "A", "qtty": 2}]}""", "$.lines[0].qtty: Line has no field \"qtty\" (it has: sku, qty, price, tags)")]
    [InlineData("""{"id": "x", "lines": [{"sku": "A", "qty": "two"}]}""", "$.lines[0].qty: expected an integer (i16), found \"two\"")]
    [InlineData("""{"id": "x", "priority": 300}""", "$.priority: 300 is out of range for i8 (-128 to 127)")]
    [InlineData("""{"id": "x", "lines": [{"sku": "A", "qty": 40000}]}""", "$.lines[0].qty: 40000 is out of range for i16 (-32768 to 32767)")]
    [InlineData("""{"id": "x", "notes": {"3000000000": "n"}}""", "$.notes[\"3000000000\"]: 3000000000 is out of range for i32 (-2147483648 to 2147483647)")]
    [InlineData("""{"id": "x", "priority": 1.5}""", "$.priority: expected an integer (i8), found 1.5")]
    [InlineData("""{"id": "x", "created_ms": "soon"}""", "$.created_ms: expected an integer (i64), found \"soon\"")]
    [InlineData("""{"id": "x", "lines": [{"qty": 2}]}""", "$.lines[0]: required field \"sku\" of Line is missing")]
    [InlineData("""{"status": "NEW"}""", "$: required field \"id\" of Order is missing")]
    [InlineData("""{"id": "x", "status": "LOST"}""", "$.status: \"LOST\" is not a value of Status (it has: NEW, PAID, SHIPPED)")]
    [InlineData("""{"id": "x", "payment": {"cash": true, "card_token": "t"}}""", "$.payment: union Payment needs exactly one field set, found 2")]
    [InlineData("""{"id": "x", "payment": {"voucher": "not base64!"}}""", "$.payment.voucher: binary must be base64, and this is not")]
    [InlineData("""{"id": "x", "trace": "abc"}""", "$.trace: \"abc\" is not a uuid (8-4-4-4-12 hex digits)")]
    [InlineData("""{"id": 7}""", "$.id: expected a string, found 7")]
    [InlineData("""{"id": "x", "gift": "yes"}""", "$.gift: expected true or false, found \"yes\"")]
    [InlineData("""{"id": "x", "lines": {"sku": "A"}}""", "$.lines: expected an array (list<Line>), found an object")]
    [InlineData("""{"id": "x", "visits": {"A": 1}}""", "$.visits: expected an array of [key, value] pairs (map<common.Address, i32>), found an object")]
    [InlineData("""{"id": "x", "visits": [[{"street": "A"}]]}""", "$.visits[0]: expected a [key, value] pair")]
    [InlineData("""{"id": "x", "matrix": [[1, null]]}""", "$.matrix[0][1]: null is not a value in a list or set")]
    [InlineData("""{"id": "x", "parent": {"id": "y", "ship_to": {"town": "B"}}}""", "$.parent.ship_to.town: common.Address has no field \"town\" (it has: street, city, zip)")]
    [InlineData("[1]", "a Thrift Order body must be a JSON object")]
    public async Task Encode_WrongThriftValue_ExitsInputErrorNamingThePath(string body, string expected)
    {
        var readable = files.Write("requests.json", $"[\n  {{\"method\": \"POST\", \"path\": \"/a\",\n   \"body\": {body}}}\n]");

        var run = await CliRun.RunAsync("payload", "encode", readable, "--thrift-idl", Idl, "--thrift-struct", "Order");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("error: requests.json: line 2: body: " + expected, run.OneErrorLine());
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("compact")]
    public async Task Decode_TruncatedBody_ExitsInputErrorNamingTheLine(string protocol)
    {
        var body = await EncodeBody(ThriftIdls.OrderBody, "Order", protocol);
        var lines = files.Write("cut.jsonl", $"{{\"method\":\"POST\",\"path\":\"/a\"}}\n{{\"method\":\"POST\",\"path\":\"/b\",\"body\":\"{Convert.ToBase64String(body[..^9])}\"}}\n");

        var run = await CliRun.RunAsync("payload", "decode", lines, "--thrift-idl", Idl, "--thrift-struct", "Order", "--thrift-protocol", protocol);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal($"error: cut.jsonl: line 2: body is not a valid Thrift Order ({protocol} protocol): it ends before the struct does (cut off, or a size in it is wrong)", run.OneErrorLine());
    }

    [Fact]
    public async Task Decode_BytesAfterTheStruct_ExitsInputError()
    {
        var body = (await EncodeBody("""{"amount": 1}""", "common.Money", "binary")).Concat(new byte[] { 0, 0 }).ToArray();

        var run = await DecodeAs("common.Money", body);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("error: one.jsonl: line 1: body has 2 bytes after the end of the common.Money struct (wrong --thrift-struct or --thrift-protocol?)", run.OneErrorLine());
    }

    [Fact]
    public async Task Decode_BodyOfAnotherStruct_ExitsInputErrorNamingTheField()
    {
        var body = await EncodeBody("""{"street": "Main St", "city": "Bern"}""", "common.Address", "binary");

        var run = await DecodeAs("Line", body);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("error: one.jsonl: line 1: body: $: field 2 is String on the wire, but Line.qty is i16 (wrong --thrift-struct or --thrift-protocol?)", run.OneErrorLine());
    }

    [Fact]
    public async Task Decode_RequiredFieldNotInTheBody_ExitsInputError()
    {
        files.Write("loose.thrift", "struct M { 2: optional i32 currency }");
        var body = await EncodeBody("""{"currency": 1}""", "M", "binary", "loose.thrift");

        var run = await DecodeAs("common.Money", body);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("error: one.jsonl: line 1: body: $: required field \"amount\" of common.Money is not in the body", run.OneErrorLine());
    }

    [Fact]
    public async Task Decode_StructsNestedPastTheLibrarysDepthLimit_ExitsInputErrorNotAStackOverflow()
    {
        var body = await WrittenByTheLibrary("binary", async p =>
        {
            for (var depth = 0; depth < 100; depth++)
            {
                await p.WriteStructBeginAsync(new TStruct("Order"), default);
                await p.WriteFieldBeginAsync(new TField("parent", TType.Struct, 14), default);
            }

            await p.WriteStructBeginAsync(new TStruct("Order"), default);
        });

        var run = await DecodeAs("Order", body);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.StartsWith("error: one.jsonl: line 1: body is not a valid Thrift Order (binary protocol): ", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EveryTruncationAndBitFlip_IsAPayloadFormatException()
    {
        foreach (var protocol in new[] { ThriftProtocolKind.Binary, ThriftProtocolKind.Compact })
        {
            var codec = ThriftBodyCodec.Load(Idl, File.ReadAllBytes(Idl), "Order", protocol);
            var body = codec.Encode(JsonNode.Parse(ThriftIdls.OrderBody)!);
            for (var length = 0; length < body.Length; length++)
            {
                Assert.Throws<PayloadFormatException>(() => codec.Decode(body[..length]));
            }

            var random = new Random(18);
            for (var i = 0; i < 2000; i++)
            {
                var corrupt = (byte[])body.Clone();
                corrupt[random.Next(corrupt.Length)] ^= (byte)(1 << random.Next(8));
                try
                {
                    codec.Decode(corrupt);
                }
                catch (PayloadFormatException)
                {
                    // A clear error is what is asked; decoding to something else is fine too.
                }
            }
        }
    }

    [Theory]
    [InlineData("--thrift-struct", "Order")]
    [InlineData("--thrift-protocol", "compact")]
    public async Task Encode_ThriftOptionWithoutIdl_ExitsUsage(string option, string value)
    {
        var run = await CliRun.RunAsync("payload", "encode", files.Write("r.json", "[]"), option, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("error: --thrift-idl and --thrift-struct go together", run.OneErrorLine());
    }

    [Fact]
    public async Task Encode_UnknownProtocol_ExitsUsage()
    {
        var run = await CliRun.RunAsync("payload", "encode", files.Write("r.json", "[]"), "--thrift-idl", Idl, "--thrift-struct", "Order", "--thrift-protocol", "json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("error: --thrift-protocol is binary or compact, not \"json\"", run.OneErrorLine());
    }

    [Fact]
    public async Task Encode_ThriftAndProtobufTogether_ExitsUsage()
    {
        var run = await CliRun.RunAsync("payload", "encode", files.Write("r.json", "[]"), "--thrift-idl", Idl, "--thrift-struct", "Order", "--message", "a.B");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("error: give --thrift-idl or --descriptor-set, not both", run.OneErrorLine());
    }

    public void Dispose() => files.Dispose();

    private async Task<byte[]> EncodeBody(string body, string structName, string protocol, string idl = "shop.thrift")
    {
        var readable = files.Write(Guid.NewGuid().ToString("N") + ".json", $"[{{\"method\": \"POST\", \"path\": \"/a\", \"body\": {body}}}]");
        var run = await CliRun.RunAsync("payload", "encode", readable, "--thrift-idl", files.PathOf(idl), "--thrift-struct", structName, "--thrift-protocol", protocol);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        return Convert.FromBase64String((string)JsonNode.Parse(run.Stdout)!["body"]!);
    }

    // One request with this body in the replay format, decoded against shop.thrift's struct.
    private Task<CliRun> DecodeAs(string structName, byte[] body)
    {
        var lines = files.Write("one.jsonl", $"{{\"method\":\"POST\",\"path\":\"/b\",\"body\":\"{Convert.ToBase64String(body)}\"}}\n");
        return CliRun.RunAsync("payload", "decode", lines, "--thrift-idl", Idl, "--thrift-struct", structName);
    }

    private static async Task<byte[]> WrittenByTheLibrary(string protocol, Func<TProtocol, Task> write)
    {
        using var transport = new TMemoryBufferTransport(new TConfiguration(), 64);
        using TProtocol writer = protocol == "compact" ? new TCompactProtocol(transport) : new TBinaryProtocol(transport);
        await write(writer);
        return transport.GetBuffer();
    }
}
