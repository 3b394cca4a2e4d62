using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Tests.Support;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Tests.Running;

public sealed class HeaderRuleTests
{
    [Fact]
    public async Task RunAsync_HeaderRules_ApplyOnlyWhereTheRegexMatchesThePath()
    {
        await using var target = await TestTarget.StartAsync();
        target.RecordRequests = true;
        var secret = new Dictionary<string, string> { ["X-Secret"] = "s" };
        var plan = new LoadPlan
        {
            Targets = [target.Http1Url],
            Rate = 100,
            Duration = TimeSpan.FromSeconds(1),
            Replay = ReplayPolicy.Once,
            Timeout = TimeSpan.FromSeconds(10), // a cold first request on a busy machine must not time out
            HeaderRules = [new HeaderRule("^/api/", new Dictionary<string, string> { ["X-Perf"] = "1" }, ["X-Secret"])],
            Payloads = TestPayloads.Of(
                TestPayloads.Post("/api/orders", "{}", secret),
                TestPayloads.Post("/static/api/", "{}", secret),
                TestPayloads.Post("/other?next=/api/", "{}", secret)),
        };

        var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);

        Assert.Empty(result.Total.ErrorsByKind);

        var byPath = target.Requests.ToDictionary(r => r.PathAndQuery);
        Assert.Equal("1", byPath["/api/orders"].Headers.GetValueOrDefault("X-Perf"));
        Assert.False(byPath["/api/orders"].Headers.ContainsKey("X-Secret"));
        foreach (var unmatched in new[] { "/static/api/", "/other?next=/api/" })
        {
            Assert.False(byPath[unmatched].Headers.ContainsKey("X-Perf"));
            Assert.Equal("s", byPath[unmatched].Headers.GetValueOrDefault("X-Secret"));
        }
    }
}
