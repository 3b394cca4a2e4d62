using PerfFleet.Contracts.Scenarios;
using PerfFleet.LoadEngine.Payloads;
using PerfFleet.Runs.Load;
using PerfFleet.Runs.Pipeline;
using EnginePlans = PerfFleet.LoadEngine.Plans;

namespace PerfFleet.Worker.Tests.Host;

public sealed class LoadPlanMapperTests
{
    private static readonly ScenarioLoad Staged = new(
        ["http://127.0.0.1:1"], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(9), null,
        [new LoadStage(10, TimeSpan.FromSeconds(3)), new LoadStage(30, TimeSpan.FromSeconds(4))],
        "/checkout/perf/requests.jsonl", ReplayPolicy.Repeat(3), TimeSpan.FromSeconds(4),
        [new HeaderRule("^/api", new Dictionary<string, string> { ["x-a"] = "1" }, ["cookie"])],
        "nightly", 8, 64, LoadProtocol.Http2);

    [Fact]
    public void ToPlan_ScenarioAsWritten_MapsEveryField()
    {
        var plan = LoadPlanMapper.ToPlan(Staged, LoadOverrides.None);

        Assert.Null(plan.Rate);
        Assert.Equal([new EnginePlans.RateStage(10, TimeSpan.FromSeconds(3)), new EnginePlans.RateStage(30, TimeSpan.FromSeconds(4))], plan.Stages);
        Assert.Equal(TimeSpan.FromSeconds(7), plan.MeasuredDuration);
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)), (plan.Warmup, plan.Timeout));
        Assert.Equal(ReplayPolicy.Repeat(3), plan.Replay);
        Assert.Equal(new PayloadSource.File("/checkout/perf/requests.jsonl"), plan.Payloads);
        var rule = Assert.Single(plan.HeaderRules);
        Assert.Equal(("^/api", "1", "cookie"), (rule.Match, rule.Set!["x-a"], rule.Remove!.Single()));
        Assert.Equal(("nightly", 8, 64, LoadProtocol.Http2), (plan.Tag, plan.Connections, plan.MaxInFlight, plan.Protocol));
        plan.Validate();
    }

    [Fact]
    public void ToPlan_TestOverrides_ReplaceStagesDurationAndTag()
    {
        var plan = LoadPlanMapper.ToPlan(Staged, new LoadOverrides(50, TimeSpan.FromSeconds(5), "pr-7"));

        Assert.Equal((50d, 0, TimeSpan.FromSeconds(5), "pr-7"), (plan.Rate!.Value, plan.Stages.Count, plan.MeasuredDuration, plan.Tag));
    }

    [Fact]
    public void ToPlan_UpdateBeforeTheLoad_WinsOverTheTestAndTheScenario()
    {
        var plan = LoadPlanMapper.ToPlan(Staged, new LoadOverrides(50, null, null), updatedRate: 70, updatedDuration: TimeSpan.FromSeconds(6));

        Assert.Equal((70d, TimeSpan.FromSeconds(6)), (plan.Rate!.Value, plan.MeasuredDuration));
    }

    [Fact]
    public void ToPlan_NoPayloadsAndDefaults_SendsGetRootWithEngineDefaults()
    {
        var simple = Staged with { Stages = [], Rate = 20, Requests = null, Replay = ReplayPolicy.Once, Connections = null, MaxInFlight = null, Tag = null };

        var plan = LoadPlanMapper.ToPlan(simple, LoadOverrides.None);

        Assert.Equal((20d, (PayloadSource?)null, ReplayPolicy.Once, (string?)null), (plan.Rate!.Value, plan.Payloads, plan.Replay, plan.Tag));
        Assert.Equal((32, 256), (plan.Connections, plan.MaxInFlight));
    }
}
