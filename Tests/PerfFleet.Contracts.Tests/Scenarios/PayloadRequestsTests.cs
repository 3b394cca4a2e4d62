using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Contracts.Tests.Scenarios;

/// <summary><c>requests: payload://name</c> in a scenario file: accepted, normalised, or refused naming the field.</summary>
public sealed class PayloadRequestsTests
{
    private static string WithRequests(string requests) => ScenarioYaml.Full.Replace("requests: perf/requests.jsonl", "requests: " + requests, StringComparison.Ordinal);

    [Theory]
    [InlineData("payload://checkout-traffic", "payload://checkout-traffic")]
    [InlineData("PAYLOAD://v1.2_reqs", "payload://v1.2_reqs")]
    [InlineData("payload://reqs@sha256:ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789", "payload://reqs@sha256:abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789")]
    public void Parse_PayloadRequests_KeptAsANormalisedReference(string written, string expected)
    {
        var scenario = ScenarioParser.Parse(WithRequests(written), ".perffleet.yml", ScenarioYaml.Variables).Select("api");

        Assert.Equal(expected, scenario.Load!.Requests);
    }

    public static TheoryData<string, string> WrongReferences => new()
    {
        { "payload://", "is empty" },
        { "payload://../etc/passwd", "may hold only" },
        { "payload://" + new string('n', 101), "at most 100" },
        { "payload://reqs@md5:abc", "sha256:<64 hex digits>" },
        { "payload://reqs@sha256:abc", "64 hex digits" },
        { "payload://reqs@sha256:" + new string('g', 64), "is not hex" },
        { "payload://reqs@", "sha256:<64 hex digits>" },
    };

    [Theory]
    [MemberData(nameof(WrongReferences))]
    public void Parse_WrongPayloadReference_NamesTheRequestsField(string written, string problem)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(WithRequests(written), ".perffleet.yml", ScenarioYaml.Variables));

        Assert.Equal("scenarios.api.load.requests", ex.Field);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PathRequests_StayAPathInsideTheRepository()
    {
        Assert.Equal("perf/requests.jsonl", ScenarioParser.Parse(ScenarioYaml.Full, ".perffleet.yml", ScenarioYaml.Variables).Select("api").Load!.Requests);
        Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(WithRequests("../outside.jsonl"), ".perffleet.yml", ScenarioYaml.Variables));
    }
}
