using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Contracts.Tests.Scenarios;

public sealed class ScenarioParserTests
{
    [Fact]
    public void Parse_FullComposeScenario_ReadsEveryField()
    {
        var file = ScenarioParser.Parse(ScenarioYaml.Full, ".perffleet.yml", ScenarioYaml.Variables);

        var api = file.Select("api");
        Assert.Equal(1, file.Version);
        Assert.Equal("perf/docker-compose.yml", api.Stack.Compose);
        Assert.Equal(["sut", "prometheus"], api.Stack.Ports);
        Assert.Equal("http://127.0.0.1:40001/healthz", api.Stack.Ready);
        Assert.Equal(TimeSpan.FromSeconds(30), api.Stack.ReadyTimeout);
        Assert.Equal("http://127.0.0.1:40002", api.Stack.Prometheus);
        var load = api.Load!;
        Assert.Equal(["http://127.0.0.1:40001"], load.Targets);
        Assert.Equal(TimeSpan.FromSeconds(10), load.Warmup);
        Assert.Equal(TimeSpan.FromMinutes(1), load.Duration);
        Assert.Equal(500, load.Rate);
        Assert.Equal("perf/requests.jsonl", load.Requests);
        Assert.Equal(ReplayPolicy.Repeat(3), load.Replay);
        Assert.Equal(TimeSpan.FromSeconds(2), load.Timeout);
        var header = Assert.Single(load.Headers);
        Assert.Equal("^/api/", header.Match);
        Assert.Equal("1", header.Set!["X-Perf"]);
        Assert.Equal(["Cookie"], header.Remove);
        Assert.Equal("api-load", load.Tag);
        Assert.Equal(8, load.Connections);
        Assert.Equal(256, load.MaxInFlight);
        Assert.Equal(LoadProtocol.Http2, load.Protocol);
        Assert.Collection(api.Queries,
            q => Assert.Equal(("p99_latency_ms", Better.Lower, 10.0), (q.Name, q.Better, q.ThresholdPercent)),
            q => Assert.Equal(("throughput_rps", Better.Higher, 5.0), (q.Name, q.Better, q.ThresholdPercent)));
    }

    [Fact]
    public void Parse_LocalStagedScenario_ReadsServicesAndStages()
    {
        var scenario = ScenarioParser.Parse(ScenarioYaml.Local, ".perffleet.yml", ScenarioYaml.Variables).Select(null);

        Assert.Equal("local-api", scenario.Name);
        Assert.False(scenario.Stack.IsCompose);
        Assert.Equal(2, scenario.Stack.Local.Count);
        Assert.Equal("5", scenario.Stack.Local[0].Env["SAMPLE_DELAY_MS_ITEMS"]);
        Assert.Equal("bin", scenario.Stack.Local[0].Cwd);
        Assert.Null(scenario.Stack.Local[1].Cwd);
        Assert.Equal(ScenarioStack.DefaultReadyTimeout, scenario.Stack.ReadyTimeout);
        var load = scenario.Load!;
        Assert.Null(load.Rate);
        Assert.Equal([100.0, 1.0, 500.0], load.Stages.Select(s => s.Rate));
        Assert.Equal(TimeSpan.FromSeconds(65), load.MeasuredDuration);
        Assert.Equal(500, load.PeakRate);
        Assert.Equal(ReplayPolicy.Once, load.Replay);
        Assert.Equal(ScenarioLoad.DefaultTimeout, load.Timeout);
        Assert.Equal(LoadProtocol.Http1, load.Protocol);
    }

    [Fact]
    public void Parse_WithoutVariables_KeepsReferencesForTheSecondPass()
    {
        var scenario = ScenarioParser.Parse(ScenarioYaml.Full).Select("api");

        Assert.Equal("http://127.0.0.1:${PERFFLEET_PORT_SUT}/healthz", scenario.Stack.Ready);
        Assert.Equal(["sut", "prometheus"], scenario.Stack.Ports);
    }

    [Fact]
    public void Parse_VariablesForOneScenario_OtherScenariosKeepTheirOwnPortsAsWritten()
    {
        const string yaml = """
            version: 1
            scenarios:
              api:
                stack: {local: [{name: sut, run: "./sut ${PERFFLEET_PORT_SUT}"}], ports: [sut]}
                load: {targets: ["http://127.0.0.1:${PERFFLEET_PORT_SUT}"], duration: 10s, rate: 10}
              db:
                stack: {local: [{name: db, run: "./db ${PERFFLEET_PORT_DB}"}], ports: [db]}
                load: {targets: ["http://127.0.0.1:${PERFFLEET_PORT_DB}"], duration: 10s, rate: 10}
            """;
        var variables = new Dictionary<string, string> { ["PERFFLEET_PORT_SUT"] = "4000" };

        var file = ScenarioParser.Parse(yaml, ".perffleet.yml", variables, variablesFor: "api");

        Assert.Equal("http://127.0.0.1:4000", file.Select("api").Load!.Targets[0]);
        Assert.Equal("http://127.0.0.1:${PERFFLEET_PORT_DB}", file.Select("db").Load!.Targets[0]);
        Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, ".perffleet.yml", variables));
    }

    [Fact]
    public void Parse_UnknownVariable_NamesVariableLineAndField()
    {
        var variables = new Dictionary<string, string>(ScenarioYaml.Variables);
        variables.Remove("PERFFLEET_PORT_PROMETHEUS");

        var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(ScenarioYaml.Full, ".perffleet.yml", variables));

        Assert.Equal(".perffleet.yml", ex.File);
        Assert.Equal(9, ex.Line);
        Assert.Equal("scenarios.api.stack.prometheus", ex.Field);
        Assert.Contains("${PERFFLEET_PORT_PROMETHEUS}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_UnknownScenario_ListsTheDefinedOnes()
    {
        var file = ScenarioParser.Parse(ScenarioYaml.Full);

        var ex = Assert.Throws<ScenarioException>(() => file.Select("checkout"));

        Assert.Contains("no scenario \"checkout\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("api", ex.Problem, StringComparison.Ordinal);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void Select_NoNameWithSeveralScenarios_AsksForOne()
    {
        var yaml = ScenarioYaml.Full + "\n" + string.Join('\n', ScenarioYaml.Local.Split('\n').Skip(2));
        var file = ScenarioParser.Parse(yaml);

        var ex = Assert.Throws<ScenarioException>(() => file.Select(""));

        Assert.Contains("several scenarios (api, local-api)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LoadGeneratorWithoutLoad_IsAccepted()
    {
        const string yaml = """
            version: 1
            scenarios:
              boulder:
                stack: {compose: perf/compose.yml, load_generator: loadgen, prometheus: "http://127.0.0.1:9090"}
            """;

        var scenario = ScenarioParser.Parse(yaml).Select("boulder");

        Assert.Null(scenario.Load);
        Assert.Equal("loadgen", scenario.Stack.LoadGenerator);
    }

    [Fact]
    public void ParseFile_MissingFile_SaysTheRepositoryHasNone()
    {
        var ex = Assert.Throws<ScenarioException>(() =>
            ScenarioParser.ParseFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), ".perffleet.yml"), ".perffleet.yml"));

        Assert.Contains("no .perffleet.yml at this commit", ex.Message, StringComparison.Ordinal);
    }
}
