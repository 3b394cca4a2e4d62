using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Contracts.Tests.Scenarios;

public sealed class StagesStopWhenAndStackNoneTests
{
    private const string Targets = "targets: [http://127.0.0.1:1]\n";
    private const string RateLoad = "{targets: [http://127.0.0.1:8080], rate: 50, duration: 30s}";

    public static TheoryData<string, int, string, string> WrongFiles => new()
    {
        // stage shapes
        { ScenarioYaml.WithLoad(Targets + "stages: [{rate: 10, for: 1s, shape: square}]"), 8, "scenarios.api.load.stages[0].shape", "not a stage shape; use ramp" },
        { ScenarioYaml.WithLoad(Targets + "stages: [{rate: -10, for: 1s, shape: step}]"), 8, "scenarios.api.load.stages[0].rate", "more than 0" },
        { ScenarioYaml.WithLoad(Targets + "stages: [{rate: 10, for: 1s, shape: [step]}]"), 8, "scenarios.api.load.stages[0].shape", "expected a string" },
        // stop_when
        { ScenarioYaml.WithLoad(Targets + "rate: 1\nduration: 1s\nstop_when: {error_rate: 150%}"), 10, "scenarios.api.load.stop_when.error_rate", "at most 100%" },
        { ScenarioYaml.WithLoad(Targets + "rate: 1\nduration: 1s\nstop_when: {error_rate: 0%}"), 10, "scenarios.api.load.stop_when.error_rate", "more than 0%" },
        { ScenarioYaml.WithLoad(Targets + "rate: 1\nduration: 1s\nstop_when: {error_rate: -5%}"), 10, "scenarios.api.load.stop_when.error_rate", "between 0% and" },
        { ScenarioYaml.WithLoad(Targets + "rate: 1\nduration: 1s\nstop_when: {error_rate: many}"), 10, "scenarios.api.load.stop_when.error_rate", "not a percentage" },
        { ScenarioYaml.WithLoad(Targets + "rate: 1\nduration: 1s\nstop_when: {}"), 10, "scenarios.api.load.stop_when.error_rate", "is required" },
        { ScenarioYaml.WithLoad(Targets + "rate: 1\nduration: 1s\nstop_when: {error_rate: 5%, window: 0s}"), 10, "scenarios.api.load.stop_when.window", "at least 1s" },
        { ScenarioYaml.WithLoad(Targets + "rate: 1\nduration: 1s\nstop_when: {error_rate: 5%, min_requests: 0}"), 10, "scenarios.api.load.stop_when.min_requests", "between 1 and" },
        { ScenarioYaml.WithLoad(Targets + "rate: 1\nduration: 1s\nstop_when: {latency: 5ms}"), 10, "scenarios.api.load.stop_when.latency", "unknown key" },
        { ScenarioYaml.WithLoad(Targets + "rate: 1\nduration: 1s\nstop_when: 5%"), 10, "scenarios.api.load.stop_when", "expected a mapping" },
        // compare_targets
        { ScenarioYaml.WithLoad(Targets + "rate: 1\nduration: 1s\ncompare_targets: true"), 10, "scenarios.api.load.compare_targets", "needs at least two targets" },
        { ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1, http://127.0.0.1:2]\nrate: 1\nduration: 1s\ncompare_targets: yes"), 10, "scenarios.api.load.compare_targets", "must be true or false, got 'yes'" },
        { ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1, http://127.0.0.1:2]\nrate: 1\nduration: 1s\ncompare_targets: [true]"), 10, "scenarios.api.load.compare_targets", "expected a string" },
        // stack: none
        { Scenario("stack: none"), 4, "scenarios.api.load", "is required with \"stack: none\"" },
        { Scenario("stack: none\n    load: {targets: [127.0.0.1:8080], rate: 1, duration: 1s}"), 5, "scenarios.api.load.targets[0]", "not an absolute" },
        { Scenario("stack: none\n    load: {targets: [\"http://127.0.0.1:${PERFFLEET_PORT_SUT}\"], rate: 1, duration: 1s}"), 5, "scenarios.api.load.targets[0]", "PERFFLEET_PORT_SUT" },
        { Scenario("stack: none\n    load: " + RateLoad + "\n    queries: {p99: {promql: x, better: lower, threshold: 5%}}"), 6, "scenarios.api.queries", "need a Prometheus" },
        { Scenario("stack: {none: true, compose: c.yml}\n    load: " + RateLoad), 4, "scenarios.api.stack.compose", "unknown key" },
        { Scenario("stack: {none: yes please}\n    load: " + RateLoad), 4, "scenarios.api.stack.none", "must be true" },
        { Scenario("stack: {none: true, prometheus: \"not a url\"}\n    load: " + RateLoad), 4, "scenarios.api.stack.prometheus", "not an absolute" },
        { Scenario("stack: nothing\n    load: " + RateLoad), 4, "scenarios.api.stack", "expected a mapping" },
    };

    [Theory]
    [MemberData(nameof(WrongFiles))]
    public void Parse_WrongFile_NamesLineFieldAndProblem(string yaml, int line, string field, string problem)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, "repo/.perffleet.yml", ScenarioYaml.Variables.Where(v => v.Key != "PERFFLEET_PORT_SUT" || !yaml.Contains("stack: none", StringComparison.Ordinal)).ToDictionary()));

        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
        Assert.Equal(field, ex.Field);
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Parse_CompareTargets_IsReadAndOffByDefault()
    {
        var mirrored = Load(ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1, http://127.0.0.1:2]\nrate: 1\nduration: 1s\ncompare_targets: true"));
        var plain = Load(ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1, http://127.0.0.1:2]\nrate: 1\nduration: 1s"));

        Assert.True(mirrored.CompareTargets);
        Assert.False(plain.CompareTargets);
    }

    [Fact]
    public void Parse_StepAndRampStages_KeepEachStagesShape()
    {
        var load = Load(ScenarioYaml.WithLoad(Targets + "stages: [{rate: 100, for: 10s}, {rate: 500, for: 30s, shape: step}, {rate: 50, for: 5s, shape: ramp}]"));

        Assert.Equal([StageShape.Ramp, StageShape.Step, StageShape.Ramp], load.Stages.Select(s => s.Shape));
        Assert.Equal(new LoadStage(500, TimeSpan.FromSeconds(30), StageShape.Step), load.Stages[1]);
        Assert.Equal(TimeSpan.FromSeconds(45), load.MeasuredDuration);
    }

    [Fact]
    public void Parse_StopWhen_ReadsTheRuleWithItsDefaults()
    {
        Assert.Equal(new ErrorRateStop(5, ErrorRateStop.DefaultWindow, ErrorRateStop.DefaultMinRequests), Load(ScenarioYaml.WithLoad(Targets + "rate: 1\nduration: 1s\nstop_when: {error_rate: 5%}")).StopWhen);
        Assert.Equal(new ErrorRateStop(0.5, TimeSpan.FromSeconds(30), 2_000), Load(ScenarioYaml.WithLoad(Targets + "rate: 1\nduration: 1s\nstop_when: {error_rate: 0.5%, window: 30s, min_requests: 2000}")).StopWhen);
        Assert.Null(Load(ScenarioYaml.WithLoad(Targets + "rate: 1\nduration: 1s")).StopWhen);
    }

    [Fact]
    public void Parse_StackNone_IsARunningDeploymentWithTheLoadsOwnTargets()
    {
        var scenario = ScenarioParser.Parse(Scenario("stack: none\n    load: " + RateLoad), "f", new Dictionary<string, string>()).Scenarios["api"];

        Assert.True(scenario.Stack.IsExternal);
        Assert.Null(scenario.Stack.Compose);
        Assert.Empty(scenario.Stack.Local);
        Assert.Empty(scenario.Stack.Ports);
        Assert.Null(scenario.Stack.Prometheus);
        Assert.Equal(["http://127.0.0.1:8080"], scenario.Load!.Targets);
    }

    [Fact]
    public void Parse_StackNoneWithPrometheus_AllowsQueries()
    {
        var yaml = Scenario("stack: {none: true, ready: http://127.0.0.1:8080/healthz, ready_timeout: 5s, prometheus: http://127.0.0.1:9090}\n    load: " + RateLoad
            + "\n    queries: {p99: {promql: x, better: lower, threshold: 5%}}");

        var scenario = ScenarioParser.Parse(yaml, "f", new Dictionary<string, string>()).Scenarios["api"];

        Assert.True(scenario.Stack.IsExternal);
        Assert.Equal("http://127.0.0.1:9090", scenario.Stack.Prometheus);
        Assert.Equal("http://127.0.0.1:8080/healthz", scenario.Stack.Ready);
        Assert.Equal(TimeSpan.FromSeconds(5), scenario.Stack.ReadyTimeout);
        Assert.Single(scenario.Queries);
    }

    private static ScenarioLoad Load(string yaml) => ScenarioParser.Parse(yaml, "f", ScenarioYaml.Variables).Scenarios["api"].Load!;

    private static string Scenario(string body) => "version: 1\nscenarios:\n  api:\n    " + body + "\n";
}
