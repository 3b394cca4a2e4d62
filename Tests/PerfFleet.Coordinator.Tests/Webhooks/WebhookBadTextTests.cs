using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfFleet.Testing;

namespace PerfFleet.Coordinator.Tests.Webhooks;

/// <summary>
/// A property over every string field of every shared GitHub payload: replaced by text that is not
/// text (bytes that are not UTF-8, an escaped lone surrogate, a NUL), correctly signed and wrongly
/// signed, the body is valid JSON and the answer is never a 500: signed, a 400 that names the field;
/// wrongly signed, a 401 (only the repository's name is read before the signature); nothing is stored.
/// </summary>
public sealed class WebhookBadTextTests : IAsyncLifetime
{
    /// <summary>Raw JSON string tokens (quotes included) that the parser accepts and that are not text.</summary>
    private static readonly (string Name, byte[] Token)[] BadStrings =
    [
        ("lone high surrogate", Encoding.ASCII.GetBytes("\"main\\ud800\"")),
        ("lone low surrogate", Encoding.ASCII.GetBytes("\"\\udc00x\"")),
        ("NUL", Encoding.ASCII.GetBytes("\"a\\u0000b\"")),
        ("invalid UTF-8", [(byte)'"', (byte)'a', 0xC3, 0x28, 0xFF, (byte)'"']),
        ("truncated UTF-8", [(byte)'"', 0xE2, 0x82, (byte)'"']),
    ];

    private WebhookTestHost host = null!;

    public async Task InitializeAsync() => host = await WebhookTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    public static TheoryData<string> PayloadFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(PayloadDirectory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PayloadFiles))]
    public async Task Post_EveryStringFieldWithBadText_NeverA500AndNothingStored(string file)
    {
        var original = WebhookTestHost.Payload(file);
        var eventName = file.Split('.')[0];
        var paths = StringPaths(JsonNode.Parse(original)!, "").ToList();
        Assert.NotEmpty(paths);
        var failures = new List<string>();
        var index = 0;
        foreach (var path in paths)
        {
            var (badName, token) = BadStrings[index++ % BadStrings.Length];
            var body = Replace(original, path, token);
            using (JsonDocument.Parse(body))
            {
                // Still valid JSON: only the text inside one string is wrong.
            }

            foreach (var signed in new[] { true, false })
            {
                using var response = await host.SendAsync(body, eventName, signature: signed ? "sign" : "sha256=" + new string('0', 64));
                var detail = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var named = detail.Contains($"'{path}' is not valid text", StringComparison.Ordinal);

                // Signed: a 400 naming the field. Wrongly signed: refused before anything but the
                // repository's name is read, so a bad name (which finds no secret) is the one 400.
                var ok = signed || path == "repository.full_name" ? status == 400 && named : status == 401;
                if (!ok)
                {
                    failures.Add($"{path} ({badName}, {(signed ? "signed" : "wrong signature")}): {status} {detail}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(host.Sink.Deliveries);
        Assert.Empty(host.Sink.Tests);
    }

    [Theory]
    [InlineData("push.with-new-branch.json", "push", "ref")]
    [InlineData("pull_request.opened.json", "pull_request", "pull_request.head.ref")]
    [InlineData("pull_request.opened.json", "pull_request", "repository.full_name")]
    [InlineData("issue_comment.created.on-pull-request.json", "issue_comment", "comment.body")]
    [InlineData("push.with-new-branch.json", "push", "pusher.name")]
    public async Task Post_FieldWithALoneSurrogate_400NamingItWhetherTheHandlerReadsItOrNot(string file, string eventName, string path)
    {
        var body = Replace(WebhookTestHost.Payload(file), path, BadStrings[0].Token);

        using var response = await host.SendAsync(body, eventName);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"'{path}' is not valid text", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.Sink.Deliveries);
    }

    [Fact]
    public async Task Post_BadTextInAFieldReadAfterTheSignatureWithAWrongSignature_401NotA400()
    {
        var body = Replace(WebhookTestHost.Payload("push.with-new-branch.json"), "ref", BadStrings[0].Token);

        using var response = await host.SendAsync(body, "push", signature: "sha256=" + new string('0', 64));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string PayloadDirectory => Path.Combine(TestPaths.RepositoryRoot, "Tests", "PerfFleet.Coordinator.Tests", "Webhooks", "Payloads");

    /// <summary>Dotted paths of every string value outside arrays (the handler reads no array's strings).</summary>
    private static IEnumerable<string> StringPaths(JsonNode node, string prefix)
    {
        if (node is not JsonObject obj)
        {
            yield break;
        }

        foreach (var (name, value) in obj)
        {
            var path = prefix.Length == 0 ? name : prefix + "." + name;
            if (value is JsonValue leaf && leaf.GetValueKind() == JsonValueKind.String)
            {
                yield return path;
            }
            else if (value is not null)
            {
                foreach (var inner in StringPaths(value, path))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The payload's bytes with the string at <paramref name="path"/> replaced by <paramref name="token"/>, everything else as sent.</summary>
    private static byte[] Replace(byte[] payload, string path, byte[] token)
    {
        var reader = new Utf8JsonReader(payload);
        var stack = new List<string>();
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    stack.Add(property ?? (stack.Count == 0 ? "$" : "[]"));
                    property = null;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.RemoveAt(stack.Count - 1);
                    break;
                case JsonTokenType.String when property is not null && !stack.Contains("[]") && string.Join('.', stack.Skip(1).Append(property)) == path:
                    var start = (int)reader.TokenStartIndex;
                    var end = (int)reader.BytesConsumed;
                    return [.. payload.AsSpan(0, start), .. token, .. payload.AsSpan(end)];
                default:
                    property = null;
                    break;
            }
        }

        throw new InvalidOperationException($"no string at {path}");
    }
}
