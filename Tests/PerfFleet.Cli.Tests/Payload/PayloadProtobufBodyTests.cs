using System.Diagnostics;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Payload;

public sealed class PayloadProtobufBodyTests : IDisposable
{
    private readonly PayloadFiles files = new();

    [Fact]
    public async Task Encode_ProtobufBody_IsTheBinaryTheGeneratedMessageParses()
    {
        var descriptors = DescriptorSetOf(LoadTestSpec.Descriptor.File);
        var readable = files.Write("requests.json", """
            [{"method": "POST", "path": "/perffleet.v1.LoadTests/Schedule", "headers": {"content-type": "application/grpc"},
              "body": {"repository": "acme/shop", "rate": 250.5, "priority": -3, "kind": "TEST_KIND_BASELINE",
                       "duration": {"seconds": "90", "nanos": 5}, "pull_request": 42}}]
            """);

        var run = await CliRun.RunAsync("payload", "encode", readable, "--descriptor-set", descriptors, "--message", "perffleet.v1.LoadTestSpec");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var body = Convert.FromBase64String((string)JsonNode.Parse(run.Stdout)!["body"]!);
        var expected = new LoadTestSpec
        {
            Repository = "acme/shop", Rate = 250.5, Priority = -3, Kind = TestKind.Baseline,
            Duration = new Duration { Seconds = 90, Nanos = 5 }, PullRequest = 42,
        };
        Assert.Equal(expected, LoadTestSpec.Parser.ParseFrom(body));
    }

    [Fact]
    public async Task Decode_ProtobufBodyWithMapsBytesAndInt64_MatchesTheProtobufJsonMapping()
    {
        var stats = new LoadStats
        {
            Requests = 9_000_000_000, Errors = 3, AchievedRate = 199.5,
            StatusCodes = { [200] = 8_999_999_997, [503] = 3 },
            ErrorsByKind = { ["timeout"] = 2, ["reset"] = 1 },
            LatencyService = new Histogram { Encoded = ByteString.CopyFrom(1, 2, 3, 250), TotalCount = 4, Percentiles = new LatencyPercentiles { P99Ms = 12.5 } },
        };
        var lines = files.Write("requests.jsonl", $"{{\"method\":\"POST\",\"path\":\"/stats\",\"body\":\"{stats.ToByteString().ToBase64()}\"}}\n");
        var descriptors = DescriptorSetOf(LoadStats.Descriptor.File);

        var decoded = await CliRun.RunAsync("payload", "decode", lines, "--descriptor-set", descriptors, "--message", "perffleet.v1.LoadStats");
        var reencoded = await CliRun.RunAsync("payload", "encode", files.Write("readable.json", decoded.Stdout), "--descriptor-set", descriptors, "--message", "perffleet.v1.LoadStats");

        Assert.True(decoded.ExitCode == ExitCodes.Ok, decoded.ToString());
        var body = JsonNode.Parse(decoded.Stdout)![0]!["body"];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(JsonFormatter.Default.Format(stats)), body), body?.ToJsonString());
        Assert.True(reencoded.ExitCode == ExitCodes.Ok, reencoded.ToString());
        var roundTripped = Convert.FromBase64String((string)JsonNode.Parse(reencoded.Stdout)!["body"]!);
        Assert.Equal(stats, LoadStats.Parser.ParseFrom(roundTripped));
    }

    [Fact]
    public async Task EncodeThenDecode_DescriptorSetFromProtoc_RoundTripsRepeatedNestedAndEnums()
    {
        var descriptors = Protoc("""
            syntax = "proto3";
            package shop.v1;
            import "google/protobuf/timestamp.proto";
            enum Color { COLOR_UNSPECIFIED = 0; RED = 1; BLUE = 2; }
            message Line { string sku = 1; int32 qty = 2; repeated Color colors = 3; }
            message Order {
              string id = 1;
              repeated Line lines = 2;
              repeated sint64 codes = 3;
              map<string, Line> by_sku = 4;
              google.protobuf.Timestamp placed = 5;
              bool gift = 6;
              float discount = 7;
            }
            """);
        const string Body = """{"id":"o-1","lines":[{"sku":"A","qty":2,"colors":["RED","BLUE"]},{"sku":"B","qty":1}],"codes":["-5","7"],"bySku":{"A":{"sku":"A","qty":2}},"placed":{"seconds":"1700000000"},"gift":true,"discount":0.25}""";
        var readable = files.Write("orders.json", $"[{{\"method\":\"POST\",\"path\":\"/orders\",\"headers\":{{}},\"body\":{Body}}}]");
        var encoded = files.PathOf("orders.jsonl");

        var encode = await CliRun.RunAsync("payload", "encode", readable, "--out", encoded, "--descriptor-set", descriptors, "--message", "shop.v1.Order");
        var decode = await CliRun.RunAsync("payload", "decode", encoded, "--descriptor-set", descriptors, "--message", ".shop.v1.Order");

        Assert.True(encode.ExitCode == ExitCodes.Ok, encode.ToString());
        Assert.True(decode.ExitCode == ExitCodes.Ok, decode.ToString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Body), JsonNode.Parse(decode.Stdout)![0]!["body"]), decode.Stdout);
    }

    [Fact]
    public async Task Encode_UnknownFieldInProtobufBody_ExitsInputErrorNamingLineAndField()
    {
        var descriptors = DescriptorSetOf(LoadTestSpec.Descriptor.File);
        var readable = files.Write("requests.json", "[\n  {\"method\": \"POST\", \"path\": \"/a\",\n   \"body\": {\"repo\": \"acme/shop\"}}\n]");

        var run = await CliRun.RunAsync("payload", "encode", readable, "--descriptor-set", descriptors, "--message", "perffleet.v1.LoadTestSpec");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("error: requests.json: line 2: body: perffleet.v1.LoadTestSpec has no field \"repo\"", run.OneErrorLine());
    }

    [Theory]
    [InlineData("{\"rate\": \"fast\"}", "field perffleet.v1.LoadTestSpec.rate: \"fast\" is not a valid Double")]
    [InlineData("{\"kind\": \"NIGHTLY\"}", "field perffleet.v1.LoadTestSpec.kind: \"NIGHTLY\" is not a value of perffleet.v1.TestKind")]
    [InlineData("[1]", "a perffleet.v1.LoadTestSpec body must be a JSON object")]
    public async Task Encode_WrongProtobufValue_ExitsInputErrorNamingTheField(string body, string expected)
    {
        var descriptors = DescriptorSetOf(LoadTestSpec.Descriptor.File);
        var readable = files.Write("requests.json", $"[{{\"method\": \"POST\", \"path\": \"/a\", \"body\": {body}}}]");

        var run = await CliRun.RunAsync("payload", "encode", readable, "--descriptor-set", descriptors, "--message", "perffleet.v1.LoadTestSpec");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("error: requests.json: line 1: body: " + expected, run.OneErrorLine());
    }

    [Fact]
    public async Task Decode_BodyOfAnotherMessage_ExitsInputErrorNamingTheLine()
    {
        var other = new HistoryPoint { TestId = "x", Median = 3, PullRequest = 9, BaselineTestId = "y" };
        var lines = files.Write("requests.jsonl", $"{{\"method\":\"POST\",\"path\":\"/a\"}}\n{{\"method\":\"POST\",\"path\":\"/b\",\"body\":\"{other.ToByteString().ToBase64()}\"}}\n");

        var run = await CliRun.RunAsync("payload", "decode", lines, "--descriptor-set", DescriptorSetOf(Quota.Descriptor.File), "--message", "perffleet.v1.Quota");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.StartsWith("error: requests.jsonl: line 2: body has field number", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encode_MessageNotInDescriptorSet_ExitsInputErrorListingWhatIsThere()
    {
        var run = await CliRun.RunAsync("payload", "encode", files.Write("r.json", "[]"), "--descriptor-set", DescriptorSetOf(Quota.Descriptor.File), "--message", "shop.v1.Order");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        var error = run.OneErrorLine();
        Assert.Contains("message \"shop.v1.Order\" is not in the descriptor set (it has: ", error, StringComparison.Ordinal);
        Assert.Contains("perffleet.v1.Quota", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encode_DescriptorSetWithoutImports_ExitsInputErrorSayingIncludeImports()
    {
        var set = new FileDescriptorSet { File = { LoadTestSpec.Descriptor.File.ToProto() } };
        var path = files.Write("partial.pb", set.ToByteArray());

        var run = await CliRun.RunAsync("payload", "encode", files.Write("r.json", "[]"), "--descriptor-set", path, "--message", "perffleet.v1.LoadTestSpec");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("--include_imports", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encode_NotADescriptorSet_ExitsInputError()
    {
        var path = files.Write("garbage.pb", [0xff, 0xff, 0xff, 0x01]);

        var run = await CliRun.RunAsync("payload", "encode", files.Write("r.json", "[]"), "--descriptor-set", path, "--message", "a.B");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("not a FileDescriptorSet", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encode_DescriptorSetWithoutMessage_ExitsUsage()
    {
        var run = await CliRun.RunAsync("payload", "encode", files.Write("r.json", "[]"), "--descriptor-set", DescriptorSetOf(Quota.Descriptor.File));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("error: --descriptor-set and --message go together", run.OneErrorLine());
    }

    public void Dispose() => files.Dispose();

    // Dependencies first, like protoc --include_imports writes them.
    private string DescriptorSetOf(FileDescriptor file)
    {
        var set = new FileDescriptorSet();
        var seen = new HashSet<string>();
        void Add(FileDescriptor f)
        {
            if (seen.Add(f.Name))
            {
                foreach (var dependency in f.Dependencies)
                {
                    Add(dependency);
                }

                set.File.Add(f.ToProto());
            }
        }

        Add(file);
        return files.Write(Guid.NewGuid().ToString("N") + ".pb", set.ToByteArray());
    }

    // The real protoc that Grpc.Tools ships, as a user would run it.
    private string Protoc(string proto)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var tools = Path.Combine(packages, "grpc.tools", "2.85.0", "tools");
        var protoc = Path.Combine(tools, "linux_x64", "protoc");
        Assert.True(File.Exists(protoc), "protoc not found at " + protoc);
        files.Write("order.proto", proto);
        var output = files.PathOf("order.pb");
        var start = new ProcessStartInfo(protoc) { RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = files.Root };
        foreach (var arg in new[] { "--include_imports", "--descriptor_set_out=" + output, "-I", files.Root, "-I", Path.Combine(packages, "grpc.tools", "2.85.0", "build", "native", "include"), "order.proto" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), "protoc did not finish");
        Assert.True(process.ExitCode == 0, errors);
        return output;
    }
}
