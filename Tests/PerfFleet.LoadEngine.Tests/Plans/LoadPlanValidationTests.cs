using PerfFleet.LoadEngine.Plans;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Tests.Plans;

public sealed class LoadPlanValidationTests
{
    private static readonly LoadPlan Valid = new() { Targets = ["http://127.0.0.1:8080"], Rate = 100, Duration = TimeSpan.FromSeconds(1) };

    [Fact]
    public void Validate_ValidPlan_DoesNotThrow()
    {
        Valid.Validate();
    }

    public static TheoryData<string, LoadPlan> BadPlans() => new()
    {
        { "rate", Valid with { Rate = 0 } },
        { "rate", Valid with { Rate = -10 } },
        { "rate", Valid with { Rate = double.NaN } },
        { "rate", Valid with { Rate = null } },
        { "rate", Valid with { Stages = [new RateStage(10, TimeSpan.FromSeconds(1))] } },
        { "stages[1].rate", Valid with { Rate = null, Stages = [new RateStage(10, TimeSpan.FromSeconds(1)), new RateStage(0, TimeSpan.FromSeconds(1))] } },
        { "stages[0].for", Valid with { Rate = null, Stages = [new RateStage(10, TimeSpan.Zero)] } },
        { "targets", Valid with { Targets = [] } },
        { "targets[1]", Valid with { Targets = ["http://127.0.0.1:1", "not a url"] } },
        { "targets[0]", Valid with { Targets = ["ftp://127.0.0.1/"] } },
        { "targets[0]", Valid with { Targets = ["/relative/path"] } },
        { "targets", Valid with { Targets = ["http://127.0.0.1:1", "http://127.0.0.1:1"] } },
        { "duration", Valid with { Duration = TimeSpan.Zero } },
        { "warmup", Valid with { Warmup = TimeSpan.FromSeconds(-1) } },
        { "connections", Valid with { Connections = 0 } },
        { "maxInFlight", Valid with { MaxInFlight = -1 } },
        { "timeout", Valid with { Timeout = TimeSpan.Zero } },
        { "generatorLatenessLimit", Valid with { GeneratorLatenessLimit = TimeSpan.Zero } },
        { "replay", Valid with { Replay = ReplayPolicy.Repeat(0) } },
        { "headers[1].match", Valid with { HeaderRules = [new HeaderRule("^/ok"), new HeaderRule("([unclosed")] } },
    };

    [Theory]
    [MemberData(nameof(BadPlans))]
    public void Validate_BadField_ThrowsNamingIt(string field, LoadPlan plan)
    {
        var error = Assert.Throws<LoadPlanException>(plan.Validate);

        Assert.Equal(field, error.Field);
    }
}
