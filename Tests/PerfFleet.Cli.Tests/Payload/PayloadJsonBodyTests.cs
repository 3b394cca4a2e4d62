using System.Text;
using System.Text.Json.Nodes;

namespace PerfFleet.Cli.Tests.Payload;

public sealed class PayloadJsonBodyTests : IDisposable
{
    private const string Readable = """
        [
          {"method": "post", "path": "/api/orders", "headers": {"Content-Type": "application/json"}, "body": {"sku": "A-1", "qty": 2, "gift": false, "note": "für Zoë"}, "name": "create order"},
          {"method": "GET", "url": "http://127.0.0.1:8080/health"},
          {"method": "PUT", "path": "/notes/1", "body": "plain text, not JSON"}
        ]
        """;

    private readonly PayloadFiles files = new();

    [Fact]
    public async Task Encode_ReadableRequests_WritesOneBase64LinePerRequest()
    {
        var run = await CliRun.RunAsync("payload", "encode", files.Write("requests.json", Readable));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("POST", (string)lines[0]["method"]!);
        Assert.Equal("create order", (string)lines[0]["name"]!);
        Assert.Equal("application/json", (string)lines[0]["headers"]!["Content-Type"]!);
        Assert.Equal("""{"sku":"A-1","qty":2,"gift":false,"note":"für Zoë"}""", Encoding.UTF8.GetString(Convert.FromBase64String((string)lines[0]["body"]!)));
        Assert.Equal("http://127.0.0.1:8080/health", (string)lines[1]["url"]!);
        Assert.Equal("", (string)lines[1]["body"]!);
        Assert.Equal("plain text, not JSON", Encoding.UTF8.GetString(Convert.FromBase64String((string)lines[2]["body"]!)));
    }

    [Fact]
    public async Task EncodeThenDecode_ReadableRequests_GiveTheSameRequestsBack()
    {
        var encoded = files.PathOf("requests.jsonl");
        await CliRun.RunAsync("payload", "encode", files.Write("requests.json", Readable), "--out", encoded);

        var decoded = await CliRun.RunAsync("payload", "decode", encoded);

        Assert.True(decoded.ExitCode == ExitCodes.Ok, decoded.ToString());
        var expected = JsonNode.Parse(Readable)!.AsArray();
        expected[0]!["method"] = "POST";
        expected[1]!["headers"] = new JsonObject();
        expected[2]!["headers"] = new JsonObject();
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(decoded.Stdout)), decoded.Stdout);
    }

    [Fact]
    public async Task DecodeThenEncode_Lines_AreByteForByteTheSame()
    {
        var binary = Convert.ToBase64String([0xff, 0x00, 0xfe, 0x10]);
        var spaced = Convert.ToBase64String(Encoding.UTF8.GetBytes("{ \"a\": 1 }"));
        var lines =
            $"{{\"method\":\"POST\",\"path\":\"/upload\",\"headers\":{{}},\"name\":\"bin\",\"timeout\":\"750ms\",\"body\":\"{binary}\"}}\n" +
            $"{{\"method\":\"POST\",\"path\":\"/spaced\",\"headers\":{{\"X-Perf\":\"1\"}},\"body\":\"{spaced}\"}}\n";
        var readable = files.PathOf("readable.json");
        await CliRun.RunAsync("payload", "decode", files.Write("in.jsonl", lines), "--out", readable);

        var encoded = await CliRun.RunAsync("payload", "encode", readable);

        Assert.True(encoded.ExitCode == ExitCodes.Ok, encoded.ToString());
        Assert.Equal(lines, encoded.Stdout);
        var shown = JsonNode.Parse(await File.ReadAllTextAsync(readable))!.AsArray();
        Assert.Equal(binary, (string)shown[0]!["bodyBase64"]!);     // not text: kept as base64
        Assert.Equal("750ms", (string)shown[0]!["timeout"]!);       // the request's own timeout survives both ways
        Assert.Equal("{ \"a\": 1 }", (string)shown[1]!["body"]!);   // JSON with spacing: kept as exact text
    }

    [Fact]
    public async Task Encode_SyntaxError_ExitsInputErrorNamingFileAndLine()
    {
        var path = files.Write("broken.json", "[\n  {\"method\": \"GET\", \"path\": \"/a\"},\n  {\"method\": \"GET\",\n   \"path\": \"/b\" \"name\": \"x\"}\n]");

        var run = await CliRun.RunAsync("payload", "encode", path);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.StartsWith("error: broken.json: line 4: not valid JSON", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"path\": \"/b\"}", "line 3: \"method\" is missing")]
    [InlineData("{\"method\": \"GET\"}", "line 3: exactly one of \"path\" or \"url\" is needed")]
    [InlineData("{\"method\": \"GET\", \"path\": \"b\"}", "line 3: \"path\" must start with '/'")]
    [InlineData("{\"method\": \"GET\", \"path\": \"/b\", \"headers\": {\"X\": 1}}", "line 3: header \"X\" must be a string")]
    [InlineData("{\"method\": \"GET\", \"path\": \"/b\", \"bdy\": 1}", "line 3: unknown field \"bdy\"")]
    [InlineData("{\"method\": \"GET\", \"path\": \"/b\", \"timeout\": \"soon\"}", "line 3: \"timeout\" is not a duration more than 0")]
    [InlineData("{\"method\": \"GET\", \"path\": \"/b\", \"timeout\": \"0s\"}", "line 3: \"timeout\" is not a duration more than 0: 0s")]
    [InlineData("{\"method\": \"GET\", \"path\": \"/b\", \"timeout\": 5}", "line 3: \"timeout\" must be a string")]
    [InlineData("\"GET /b\"", "line 3: request 2 is not a JSON object")]
    public async Task Encode_InvalidRequest_ExitsInputErrorNamingTheLineAndProblem(string second, string expected)
    {
        var path = files.Write("requests.json", "[\n  {\"method\": \"GET\", \"path\": \"/a\"},\n  " + second + "\n]");

        var run = await CliRun.RunAsync("payload", "encode", path);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.StartsWith("error: requests.json: " + expected, run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"method\":\"GET\",\"path\":\"/c\",\"body\":\"%%%\"}", "line 3: \"body\" is not valid base64")]
    [InlineData("{\"method\":\"GET\",\"path\":\"/c\"", "line 3: not valid JSON")]
    [InlineData("[1,2]", "line 3: expected a JSON object")]
    public async Task Decode_MalformedLine_ExitsInputErrorNamingTheLine(string third, string expected)
    {
        var path = files.Write("requests.jsonl", "{\"method\":\"GET\",\"path\":\"/a\"}\n\n" + third + "\n");

        var run = await CliRun.RunAsync("payload", "decode", path);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.StartsWith("error: requests.jsonl: " + expected, run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encode_MissingFile_ExitsInputError()
    {
        var run = await CliRun.RunAsync("payload", "encode", files.PathOf("absent.json"));

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("absent.json", run.OneErrorLine(), StringComparison.Ordinal);
    }

    public void Dispose() => files.Dispose();
}
