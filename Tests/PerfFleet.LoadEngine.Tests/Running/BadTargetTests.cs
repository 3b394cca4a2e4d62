using PerfFleet.LoadEngine.Payloads;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Tests.Support;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Tests.Running;

public sealed class BadTargetTests
{
    [Theory]
    [InlineData(LoadProtocol.Http1)]
    [InlineData(LoadProtocol.Http2)]
    public async Task RunAsync_UnreachableTarget_CountsConnectionErrors(LoadProtocol protocol)
    {
        var plan = new LoadPlan
        {
            Targets = [$"http://127.0.0.1:{ClosedPort.Pick()}"],
            Rate = 100,
            Duration = TimeSpan.FromSeconds(1),
            Connections = 2,
            MaxInFlight = 4,
            Protocol = protocol,
        };

        var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);

        // Every slot of the second is accounted for: sent (and failed to connect), or dropped when
        // failing connects kept the lanes busy past the end on a loaded machine — never skipped.
        Assert.InRange(result.Total.Requests + result.Total.Dropped, 95, 101);
        Assert.True(result.Total.Requests > 0, "no request was attempted");
        Assert.Equal(result.Total.Requests, result.Total.Errors);
        Assert.Equal(result.Total.Requests, result.Total.ErrorsByKind["connect"]);
        Assert.Equal(0, result.Total.Responses);
    }

    [Fact]
    public async Task RunAsync_InvalidPlan_ThrowsBeforeSendingAnything()
    {
        await using var target = await TestTarget.StartAsync();
        var plan = new LoadPlan { Targets = [target.Http1Url], Rate = -1 };

        var error = await Assert.ThrowsAsync<LoadPlanException>(() => new LoadRunner().RunAsync(plan, null, CancellationToken.None));

        Assert.Equal("rate", error.Field);
        Assert.Equal(0, target.TotalCount);
    }

    [Fact]
    public async Task RunAsync_MalformedPayloadFile_ThrowsWithLineNumbers()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "{\"path\":\"/ok\"}\n{\"path\":\n");
            var plan = new LoadPlan { Targets = ["http://127.0.0.1:1"], Rate = 1, Payloads = new PayloadSource.File(path) };

            var error = await Assert.ThrowsAsync<PayloadFormatException>(() => new LoadRunner().RunAsync(plan, null, CancellationToken.None));

            Assert.Equal(2, Assert.Single(error.Errors).LineNumber);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
