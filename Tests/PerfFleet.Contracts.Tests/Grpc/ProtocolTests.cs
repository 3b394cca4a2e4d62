using System.Net;
using Google.Protobuf;
using PerfFleet.Contracts.Tests.Grpc.Interop;

namespace PerfFleet.Contracts.Tests.Grpc;

/// <summary>What the server answers to requests that break the protocol (sent by hand).</summary>
public sealed class ProtocolTests : IAsyncLifetime
{
    private GrpcTestServer server = null!;

    private string UnaryUrl => server.CleartextAddress + "/perffleet.testing.Echo/Unary";

    public async Task InitializeAsync() => server = await GrpcTestServer.StartAsync(options => options.MaxReceiveMessageSize = 1024);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Post_NonGrpcContentType_415()
    {
        using var http = RawGrpc.CreateClient();
        using var request = RawGrpc.CreateRequest(UnaryUrl, RawGrpc.Frame(new EchoRequest()), "application/json");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_GrpcProtoContentType_Accepted()
    {
        using var http = RawGrpc.CreateClient();
        using var request = RawGrpc.CreateRequest(UnaryUrl, RawGrpc.Frame(new EchoRequest { Message = "proto" }), "application/grpc+proto");

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("0", RawGrpc.GrpcStatus(response));
        Assert.Equal("proto", EchoReply.Parser.ParseFrom(body.AsSpan(5)).Message);
        Assert.StartsWith("application/grpc", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CompressedFlagWithoutEncoding_Internal()
    {
        using var http = RawGrpc.CreateClient();
        using var request = RawGrpc.CreateRequest(UnaryUrl, RawGrpc.Frame(new EchoRequest(), compressedFlag: 1));

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("13", RawGrpc.GrpcStatus(response));
    }

    [Fact]
    public async Task Post_CompressedFlagWithUnknownEncoding_Unimplemented()
    {
        using var http = RawGrpc.CreateClient();
        using var request = RawGrpc.CreateRequest(UnaryUrl, RawGrpc.Frame(new EchoRequest(), compressedFlag: 1));
        request.Headers.TryAddWithoutValidation("grpc-encoding", "snappy");

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("12", RawGrpc.GrpcStatus(response));
        Assert.Contains("snappy", RawGrpc.GrpcMessage(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MessageOverServerLimit_ResourceExhausted()
    {
        using var http = RawGrpc.CreateClient();
        using var request = RawGrpc.CreateRequest(UnaryUrl, RawGrpc.Frame(new EchoRequest { Payload = ByteString.CopyFrom(new byte[2048]) }));

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("8", RawGrpc.GrpcStatus(response));
    }

    [Fact]
    public async Task Post_TruncatedMessage_Internal()
    {
        using var http = RawGrpc.CreateClient();
        var frame = RawGrpc.Frame(new EchoRequest { Message = "cut short" });
        using var request = RawGrpc.CreateRequest(UnaryUrl, frame[..^3]);

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("13", RawGrpc.GrpcStatus(response));
    }

    [Fact]
    public async Task Post_UnknownPathWithGrpcContentType_UnimplementedTrailersOnly()
    {
        using var http = RawGrpc.CreateClient();
        using var request = RawGrpc.CreateRequest(server.CleartextAddress + "/some.Service/Nothing", RawGrpc.Frame(new EchoRequest()));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Post_Http1_Rejected()
    {
        using var request = RawGrpc.CreateRequest(server.TlsAddress + "/perffleet.testing.Echo/Unary", RawGrpc.Frame(new EchoRequest()));
        request.Version = HttpVersion.Version11;
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var http11 = new HttpClient(handler);

        using var response = await http11.SendAsync(request);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
    }
}
