using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Tests.Support;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Tests.Running;

public sealed class MirroringTests
{
    [Fact]
    public async Task RunAsync_TwoTargets_SendIdenticalRequestsToEach()
    {
        await using var first = await TestTarget.StartAsync();
        await using var second = await TestTarget.StartAsync();
        first.RecordRequests = second.RecordRequests = true;
        var payloads = Enumerable.Range(0, 30).Select(i => i % 3 == 0
            ? TestPayloads.Post($"/orders/{i}?q={i}", $"{{\"n\":{i}}}", new Dictionary<string, string> { ["X-Request"] = $"r{i}", ["Content-Type"] = "application/json" })
            : TestPayloads.Get($"/users/{i}")).ToArray();
        var plan = new LoadPlan
        {
            Targets = [first.Http1Url, second.Http1Url + "/"],
            Rate = 300,
            Duration = TimeSpan.FromSeconds(2),
            Replay = ReplayPolicy.Once,
            Timeout = TimeSpan.FromSeconds(10), // a cold first request on a busy machine must not time out
            Payloads = TestPayloads.Of(payloads),
        };

        var result = await new LoadRunner().RunAsync(plan, null, CancellationToken.None);

        Assert.Equal(30, first.Requests.Count);
        Assert.Equal(Describe(first), Describe(second));
        Assert.Equal(2, result.ByTarget.Count);
        Assert.All(result.ByTarget.Values, stats => Assert.Equal(30, stats.Requests));
        Assert.Equal(60, result.Total.Requests);
        Assert.Equal(["GET /users/{id}", "POST /orders/{id}"], result.ByEndpoint.Keys.Order(StringComparer.Ordinal));
    }

    private static List<string> Describe(TestTarget target) =>
    [
        .. target.Requests
            .Select(r => string.Join('|', r.Method, r.PathAndQuery, Convert.ToBase64String(r.Body),
                string.Join(',', r.Headers.Where(h => h.Key != "Host").OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={h.Value}"))))
            .Order(StringComparer.Ordinal),
    ];
}
