using Google.Protobuf;
using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>
/// Requests whose bytes do not decode (a string that is not UTF-8, a message cut short): every
/// service answers INVALID_ARGUMENT saying the request does not decode, never UNKNOWN, and a
/// request that decodes is served as before.
/// </summary>
public sealed class UndecodableRequestTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    /// <summary>Field 1, a string, holding bytes that are not UTF-8 (an unpaired continuation byte, 0xFF).</summary>
    private static readonly byte[] NotUtf8InField1 = [0x0A, 0x04, 0x61, 0x80, 0xFF, 0x62];

    /// <summary>Field 1 says 50 bytes follow; two do.</summary>
    private static readonly byte[] CutShort = [0x0A, 0x32, 0x61, 0x62];

    public static TheoryData<string, string> UnaryMethods => new()
    {
        { "perffleet.v1.LoadTests", "Get" },
        { "perffleet.v1.LoadTests", "Schedule" },
        { "perffleet.v1.Fleet", "Heartbeat" },
        { "perffleet.v1.Repositories", "Register" },
        { "perffleet.v1.Payloads", "Get" },
    };

    [Theory]
    [MemberData(nameof(UnaryMethods))]
    public async Task Unary_StringNotUtf8OrMessageCutShort_InvalidArgumentSayingItDoesNotDecode(string service, string method)
    {
        var call = new Method<byte[], byte[]>(MethodType.Unary, service, method, Raw, Raw);
        foreach (var body in new[] { NotUtf8InField1, CutShort })
        {
            var ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Host.Channel.CreateCallInvoker()
                .AsyncUnaryCall(call, null, new CallOptions(CoordinatorTestHost.Admin), body).ResponseAsync);

            Assert.True(ex.StatusCode == StatusCode.InvalidArgument, $"{service}/{method}: {ex.StatusCode} {ex.Status.Detail}");
            Assert.Contains("request does not decode", ex.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ServerStreaming_StringNotUtf8_InvalidArgument()
    {
        var call = new Method<byte[], byte[]>(MethodType.ServerStreaming, "perffleet.v1.LoadTests", "Watch", Raw, Raw);
        using var watch = fixture.Host.Channel.CreateCallInvoker().AsyncServerStreamingCall(call, null, new CallOptions(CoordinatorTestHost.Admin), NotUtf8InField1);

        var ex = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_ValidBytesThroughTheSameRawPath_AreServedAsBefore()
    {
        var call = new Method<byte[], byte[]>(MethodType.Unary, "perffleet.v1.LoadTests", "List", Raw, Raw);

        var reply = await fixture.Host.Channel.CreateCallInvoker()
            .AsyncUnaryCall(call, null, new CallOptions(CoordinatorTestHost.Admin), new ListTestsRequest { PageSize = 1 }.ToByteArray()).ResponseAsync;

        Assert.NotNull(ListTestsResponse.Parser.ParseFrom(reply));
    }
}
