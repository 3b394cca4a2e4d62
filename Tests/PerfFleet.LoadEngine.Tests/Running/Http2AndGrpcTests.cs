using PerfFleet.LoadEngine.Payloads;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Tests.Support;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Tests.Running;

public sealed class Http2AndGrpcTests
{
    [Fact]
    public async Task RunAsync_Http2PriorKnowledge_AnswersOverH2c()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan
        {
            Targets = [target.Http2Url],
            // Modest, and a window longer than a stall: what is tested is h2c, not speed. On this
            // shared machine an h2 connection here now and then stalls for about a second (the
            // slowest answer ~1 s, with TCP retransmits counted at the same time); at 500/s over
            // 1 s it once sent only 304 of 500 in CI.
            Rate = 100,
            Warmup = TimeSpan.FromSeconds(1), // a cold first connection (JIT, h2 setup) must not eat the measured window
            Duration = TimeSpan.FromSeconds(2),
            Protocol = LoadProtocol.Http2,
            Connections = 2,
            MaxInFlight = 16,
        };

        var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);

        // 200 slots, each sent or counted as dropped; every one sent was answered over h2c.
        Assert.InRange(result.Total.Requests + result.Total.Dropped, 199, 201);
        Assert.True(result.Total.Requests >= 50, $"requests: {result.Total.Requests}, dropped: {result.Total.Dropped}, slowest answer {result.Total.LatencyService.Percentiles().Max} ms");
        Assert.Equal(result.Total.Requests, result.Total.StatusCodes[200]);
        Assert.Equal(0, result.Total.Errors);
    }

    [Fact]
    public async Task RunAsync_GrpcUnaryCalls_FramesMessagesAndReadsGrpcStatus()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan
        {
            Targets = [target.Http2Url],
            Rate = 100, // modest, over a window longer than the h2 stall described above
            Warmup = TimeSpan.FromSeconds(1), // a cold first connection (JIT, h2 setup) must not eat the measured window
            Duration = TimeSpan.FromSeconds(2),
            Protocol = LoadProtocol.Grpc,
            Connections = 1,
            MaxInFlight = 8,
            Payloads = TestPayloads.Of(
                new PayloadRequest { Method = "POST", PathAndQuery = "/test.Echo/Say", Body = new byte[] { 0x0a, 0x02, 0x68, 0x69 } },
                new PayloadRequest { Method = "POST", PathAndQuery = "/test.Echo/Fail", Headers = new Dictionary<string, string> { ["x-grpc-status"] = "5" } }),
        };

        var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);

        var ok = result.ByEndpoint["POST /test.Echo/Say"];
        var failing = result.ByEndpoint["POST /test.Echo/Fail"];
        Assert.True(ok.Requests >= 25, $"requests: {ok.Requests}, dropped: {ok.Dropped}"); // of 100 slots: framing is the point, not speed
        Assert.Equal(0, ok.Errors);
        Assert.True(ok.BytesReceived >= ok.Requests * 9, "each answer echoes the 5-byte prefix and the 4-byte message");
        Assert.Equal(failing.Requests, failing.ErrorsByKind["grpc_status"]);
        Assert.Equal(failing.Requests, failing.StatusCodes[200]);
    }
}
