using Google.Protobuf;
using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;
using static PerfFleet.Coordinator.Tests.Payloads.PayloadUploads;

namespace PerfFleet.Coordinator.Tests.Payloads;

/// <summary>
/// Wrong, missing, out-of-range and hostile input to every Payloads call: a status that names what
/// is wrong (never UNKNOWN), and nothing stored, nothing stored before harmed.
/// </summary>
public sealed class PayloadsBadInputTests(PayloadsHostFixture fixture) : IClassFixture<PayloadsHostFixture>
{
    private static readonly Metadata Admin = CoordinatorTestHost.Admin;
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);
    private readonly Contracts.V1.Payloads.PayloadsClient client = fixture.Payloads;

    public static TheoryData<string, string> BadHeaders => new()
    {
        { "no-name", "header.name" },
        { "huge-name", "header.name" },
        { "path-name", "header.name" },
        { "dot-name", "header.name" },
        { "no-repository", "header.repository" },
        { "bad-repository", "header.repository" },
        { "short-hash", "header.sha256" },
        { "not-hex-hash", "header.sha256" },
        { "prefixed-hash", "header.sha256" },
        { "no-size", "header.size" },
        { "negative-size", "header.size" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task Upload_BadHeader_InvalidArgumentNamingTheFieldAndNothingStored(string problem, string field)
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(500);
        var header = Header(NewName(), repository, content);
        switch (problem)
        {
            case "no-name": header.Name = ""; break;
            case "huge-name": header.Name = new string('n', 100_000); break;
            case "path-name": header.Name = "../../etc/passwd"; break;
            case "dot-name": header.Name = ".hidden"; break;
            case "no-repository": header.Repository = ""; break;
            case "bad-repository": header.Repository = "acme; DROP TABLE payloads"; break;
            case "short-hash": header.Sha256 = "abc123"; break;
            case "not-hex-hash": header.Sha256 = new string('z', 64); break;
            case "prefixed-hash": header.Sha256 = "sha256:" + header.Sha256[7..]; break;
            case "no-size": header.Size = 0; break;
            case "negative-size": header.Size = -5; break;
        }

        await AssertNothingStoredAsync(() => RpcAssert.InvalidArgumentAsync(field, () => UploadAsync(client, header, content)));
    }

    [Fact]
    public async Task Upload_NoHeaderFirst_InvalidArgument()
    {
        using var call = client.Upload(Admin);
        await call.RequestStream.WriteAsync(new PayloadUploadChunk { Data = ByteString.CopyFromUtf8("{}") });
        await call.RequestStream.CompleteAsync();
        await AssertNothingStoredAsync(() => RpcAssert.InvalidArgumentAsync("header", () => call.ResponseAsync));

        using var empty = client.Upload(Admin);
        await empty.RequestStream.CompleteAsync();
        await RpcAssert.InvalidArgumentAsync("header", () => empty.ResponseAsync);
    }

    [Fact]
    public async Task Upload_SecondHeader_InvalidArgument()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(500);
        var header = Header(NewName(), repository, content);
        using var call = client.Upload(Admin);
        await call.RequestStream.WriteAsync(new PayloadUploadChunk { Header = header });
        await call.RequestStream.WriteAsync(new PayloadUploadChunk { Header = header });
        await call.RequestStream.CompleteAsync();

        await AssertNothingStoredAsync(() => RpcAssert.InvalidArgumentAsync("header", () => call.ResponseAsync));
    }

    [Fact]
    public async Task Upload_UnregisteredRepository_NotFound()
    {
        var content = RequestFile(500);
        await AssertNothingStoredAsync(() => FailsAsync(StatusCode.NotFound, () => UploadAsync(client, Header(NewName(), Specs.NewRepository(), content), content)));
    }

    [Fact]
    public async Task Upload_HashOfOtherBytes_InvalidArgumentAndNothingStored()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(5000);
        var header = Header(NewName(), repository, content);
        content[4000] ^= 0x20;

        var refused = await AssertNothingStoredAsync(() => RpcAssert.InvalidArgumentAsync("sha256", () => UploadAsync(client, header, content)));

        Assert.Contains("nothing was stored", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_FewerOrMoreBytesThanTheHeaderSays_InvalidArgumentAndNothingStored()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(5000);
        var header = Header(NewName(), repository, content);

        await AssertNothingStoredAsync(() => RpcAssert.InvalidArgumentAsync("data", () => UploadAsync(client, header, content[..^10])));
        await AssertNothingStoredAsync(() => RpcAssert.InvalidArgumentAsync("data", () => UploadAsync(client, header, [.. content, .. "{}\n"u8.ToArray()])));
    }

    [Fact]
    public async Task Upload_PastTheFileLimit_ResourceExhaustedNamingItBeforeAnyByteIsSent()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(PayloadsHostFixture.MaxFileBytes + 10);
        using var call = client.Upload(Admin);
        await call.RequestStream.WriteAsync(new PayloadUploadChunk { Header = Header(NewName(), repository, content) });

        var refused = await AssertNothingStoredAsync(() => FailsAsync(StatusCode.ResourceExhausted, () => call.ResponseAsync));

        Assert.Contains("PerfFleet:Payloads:MaxFileBytes", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_PastTheRepositoryLimit_ResourceExhaustedNamingItAndTheStoredOnesKept()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var first = RequestFile(60_000, seed: 1);
        var second = RequestFile(60_000, seed: 2);
        var kept = await UploadAsync(client, Header(NewName(), repository, first), first);

        var refused = await AssertNothingStoredAsync(() => FailsAsync(StatusCode.ResourceExhausted, () => UploadAsync(client, Header(NewName(), repository, second), second)));

        Assert.Contains("PerfFleet:Payloads:MaxRepositoryBytes", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(first, (await DownloadAsync(client, new DownloadPayloadRequest { Name = kept.Name })).Content);

        // Another repository has its own room.
        var other = await RegisteredRepositoryAsync(fixture);
        await UploadAsync(client, Header(NewName(), other, second), second);
    }

    [Fact]
    public async Task Upload_PastTheRepositoryLimit_RefusedAtTheHeader()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var first = RequestFile(60_000, seed: 3);
        await UploadAsync(client, Header(NewName(), repository, first), first);
        var second = RequestFile(60_000, seed: 4);
        using var call = client.Upload(Admin);
        await call.RequestStream.WriteAsync(new PayloadUploadChunk { Header = Header(NewName(), repository, second) });

        var refused = await AssertNothingStoredAsync(() => FailsAsync(StatusCode.ResourceExhausted, () => call.ResponseAsync));

        Assert.Contains("PerfFleet:Payloads:MaxRepositoryBytes", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_CancelledHalfWay_NothingStoredAndTheNameStaysFree()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(30_000);
        var header = Header(NewName(), repository, content);
        var before = await CountRowsAsync(fixture);
        using (var cancel = new CancellationTokenSource())
        {
            using var call = client.Upload(Admin, cancellationToken: cancel.Token);
            await call.RequestStream.WriteAsync(new PayloadUploadChunk { Header = header });
            await call.RequestStream.WriteAsync(new PayloadUploadChunk { Data = ByteString.CopyFrom(content, 0, 10_000) });
            await cancel.CancelAsync();
            await FailsAsync(StatusCode.Cancelled, () => call.ResponseAsync);
        }

        // The server sees the cancellation a moment later; give it time to have stored anything it would.
        await Task.Delay(500);
        Assert.Equal(before, await CountRowsAsync(fixture));
        await FailsAsync(StatusCode.NotFound, () => client.GetAsync(new GetPayloadRequest { Name = header.Name }, Admin).ResponseAsync);
        await UploadAsync(client, header, content);
    }

    [Fact]
    public async Task Upload_NameOfAnotherRepository_FailedPreconditionAndTheirsKept()
    {
        var owner = await RegisteredRepositoryAsync(fixture);
        var intruder = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(800, seed: 1);
        var name = NewName();
        await UploadAsync(client, Header(name, owner, content), content);
        var other = RequestFile(900, seed: 2);

        await FailsAsync(StatusCode.FailedPrecondition, () => UploadAsync(client, Header(name, intruder, other), other));

        Assert.Equal(content, (await DownloadAsync(client, new DownloadPayloadRequest { Name = name })).Content);
    }

    public static TheoryData<string, string> BadNames => new()
    {
        { "", "name" },
        { new string('x', 101), "name" },
        { "a/b", "name" },
        { "payload://x", "name" },
        { "name\u0000", "name" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task GetRemoveDownload_BadName_InvalidArgumentNamingIt(string name, string field)
    {
        await RpcAssert.InvalidArgumentAsync(field, () => client.GetAsync(new GetPayloadRequest { Name = name }, Admin).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync(field, () => client.RemoveAsync(new RemovePayloadRequest { Name = name }, Admin).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync(field, () => DownloadAsync(client, new DownloadPayloadRequest { Name = name }));
    }

    [Fact]
    public async Task GetRemoveDownload_UnknownName_NotFound()
    {
        await FailsAsync(StatusCode.NotFound, () => client.GetAsync(new GetPayloadRequest { Name = "nobody" }, Admin).ResponseAsync);
        await FailsAsync(StatusCode.NotFound, () => client.RemoveAsync(new RemovePayloadRequest { Name = "nobody" }, Admin).ResponseAsync);
        await FailsAsync(StatusCode.NotFound, () => DownloadAsync(client, new DownloadPayloadRequest { Name = "nobody" }));
    }

    [Theory]
    [InlineData("abc", "sha256")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000", "sha256")]
    [InlineData("not-a-uuid", "test_id")]
    public async Task Download_BadHashOrTestId_InvalidArgumentNamingIt(string value, string field)
    {
        var request = new DownloadPayloadRequest { Name = "anything" };
        if (field == "sha256")
        {
            request.Sha256 = value;
        }
        else
        {
            request.TestId = value;
        }

        await RpcAssert.InvalidArgumentAsync(field, () => DownloadAsync(client, request));
    }

    [Fact]
    public async Task List_BadRepository_InvalidArgument()
    {
        await RpcAssert.InvalidArgumentAsync("repository", () => client.ListAsync(new ListPayloadsRequest { Repository = "no slash" }, Admin).ResponseAsync);
    }

    [Fact]
    public async Task Upload_NameThatIsNotUtf8_InvalidArgumentAndNothingStored()
    {
        // PayloadUploadChunk { header { name = 0xFF 0xFE 0x41 } } as raw bytes: no client library would send it.
        var invoker = fixture.Host.Channel.CreateCallInvoker();
        var method = new Method<byte[], byte[]>(MethodType.ClientStreaming, "perffleet.v1.Payloads", "Upload", Bytes, Bytes);
        using var call = invoker.AsyncClientStreamingCall(method, null, new CallOptions(Admin));
        await call.RequestStream.WriteAsync([0x0A, 0x05, 0x0A, 0x03, 0xFF, 0xFE, 0x41]);
        await call.RequestStream.CompleteAsync();

        var refused = await AssertNothingStoredAsync(() => RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => call.ResponseAsync));
        Assert.Contains("request does not decode", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NameOfReplacementCharacters_InvalidArgumentNamingIt()
    {
        // What a lenient client makes of bytes that are not UTF-8.
        await RpcAssert.InvalidArgumentAsync("name", () => client.GetAsync(new GetPayloadRequest { Name = "\uFFFD\uFFFDA" }, Admin).ResponseAsync);
    }

    private async Task<RpcException> AssertNothingStoredAsync(Func<Task<RpcException>> refusal)
    {
        var before = await CountRowsAsync(fixture);
        var refused = await refusal();
        Assert.NotEqual(StatusCode.Unknown, refused.StatusCode);
        Assert.Equal(before, await CountRowsAsync(fixture));
        return refused;
    }
}
