using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Contracts.Tests.Scenarios;

public sealed class ScenarioParserInvalidInputTests
{
    private const string ValidLoad = "targets: [http://127.0.0.1:1]\nduration: 1s\n";

    public static TheoryData<string, int, string, string> WrongFiles => new()
    {
        // document level
        { "", 1, "", "the file is empty" },
        { "version: 2\nscenarios: {}", 1, "version", "version 2 is not supported" },
        { "version: one\nscenarios: {}", 1, "version", "expected a whole number" },
        { "scenarios: {a: {}}", 1, "version", "is required" },
        { "version: 1", 1, "scenarios", "is required" },
        { "version: 1\nscenarios: {}", 2, "scenarios", "defines no scenario" },
        { "version: 1\nscenarios: [a, b]", 2, "scenarios", "expected a mapping" },
        { "version: 1\nscenarios: {}\nextra: 1", 3, "extra", "unknown key \"extra\"" },
        { "- just\n- a list", 1, "(document)", "expected a mapping" },
        { "version: 1\nscenarios:\n  'bad name!': {}", 3, "scenarios.bad name!", "scenario name" },
        { "version: 1\nscenarios:\n  api:\n    stack: {local: [{name: s, run: x}]}\n    lod: {}", 5, "scenarios.api.lod", "unknown key \"lod\"" },
        { "version: 1\nscenarios:\n  api:\n    stack: {local: [{name: s, run: x}]}", 4, "scenarios.api.load", "is required unless" },
        // stack
        { ScenarioYaml.WithStack("ports: [a]"), 5, "scenarios.api.stack", "exactly one of \"compose\"" },
        { ScenarioYaml.WithStack("compose: c.yml\nlocal: [{name: s, run: x}]"), 5, "scenarios.api.stack", "exactly one of" },
        { ScenarioYaml.WithStack("compose: /etc/passwd"), 5, "scenarios.api.stack.compose", "inside the repository" },
        { ScenarioYaml.WithStack("compose: perf/../../secret.yml"), 5, "scenarios.api.stack.compose", "without \"..\"" },
        { ScenarioYaml.WithStack("local: []"), 5, "scenarios.api.stack.local", "lists no service" },
        { ScenarioYaml.WithStack("local: [{name: s}]"), 5, "scenarios.api.stack.local[0].run", "is required" },
        { ScenarioYaml.WithStack("local: [{name: s, run: x, shell: bash}]"), 5, "scenarios.api.stack.local[0].shell", "unknown key" },
        { ScenarioYaml.WithStack("local: [{name: s, run: x}, {name: s, run: y}]"), 5, "scenarios.api.stack.local[1].name", "listed twice" },
        { ScenarioYaml.WithStack("local: [{name: s, run: x, env: {1BAD: x}}]"), 5, "scenarios.api.stack.local[0].env", "not an environment variable name" },
        { ScenarioYaml.WithStack("local: [{name: s, run: [a, b]}]"), 5, "scenarios.api.stack.local[0].run", "expected a string" },
        { ScenarioYaml.WithStack("local: [{name: s, run: x}]\nports: [sut, SUT]"), 6, "scenarios.api.stack.ports[1]", "listed twice" },
        { ScenarioYaml.WithStack("local: [{name: s, run: x}]\nports: [my-port]"), 6, "scenarios.api.stack.ports[0]", "not a port name" },
        { ScenarioYaml.WithStack("local: [{name: s, run: x}]\nports: sut"), 6, "scenarios.api.stack.ports", "expected a list" },
        { ScenarioYaml.WithStack("local: [{name: s, run: x}]\nready: ftp://x/"), 6, "scenarios.api.stack.ready", "http:// or https://" },
        { ScenarioYaml.WithStack("local: [{name: s, run: x}]\nready_timeout: 0"), 6, "scenarios.api.stack.ready_timeout", "more than 0" },
        { ScenarioYaml.WithStack("local: [{name: s, run: x}]\nload_generator: lg"), 6, "scenarios.api.stack.load_generator", "needs a \"compose\" stack" },
        // load
        { ScenarioYaml.WithLoad("duration: 1s\nrate: 1"), 7, "scenarios.api.load.targets", "is required" },
        { ScenarioYaml.WithLoad("targets: []\nduration: 1s\nrate: 1"), 7, "scenarios.api.load.targets", "lists no target" },
        { ScenarioYaml.WithLoad("targets: [not a url]\nduration: 1s\nrate: 1"), 7, "scenarios.api.load.targets[0]", "not an absolute" },
        { ScenarioYaml.WithLoad(ValidLoad), 7, "scenarios.api.load", "exactly one of \"rate\"" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\nstages: [{rate: 1, for: 1s}]"), 7, "scenarios.api.load", "exactly one of \"rate\"" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: -5"), 9, "scenarios.api.load.rate", "more than 0" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 0"), 9, "scenarios.api.load.rate", "more than 0" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: fast"), 9, "scenarios.api.load.rate", "expected a number" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: .nan"), 9, "scenarios.api.load.rate", "expected a number" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1e12"), 9, "scenarios.api.load.rate", "at most" },
        { ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1]\nrate: 1"), 7, "scenarios.api.load.duration", "is required with \"rate\"" },
        { ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1]\nrate: 1\nduration: 10"), 9, "scenarios.api.load.duration", "lacks a unit" },
        { ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1]\nrate: 1\nduration: 0"), 9, "scenarios.api.load.duration", "more than 0" },
        { ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1]\nrate: 1\nduration: 7h"), 9, "scenarios.api.load.duration", "at most 6h" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\nwarmup: -1s"), 10, "scenarios.api.load.warmup", "negative" },
        { ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1]\nstages: []"), 8, "scenarios.api.load.stages", "lists no stage" },
        { ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1]\nstages: [{rate: -1, for: 1s}]"), 8, "scenarios.api.load.stages[0].rate", "more than 0" },
        { ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1]\nstages: [{rate: 10, for: 1s}, {rate: 0, for: 1s}]"), 8, "scenarios.api.load.stages[1].rate", "more than 0" },
        { ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1]\nstages: [{rate: 1}]"), 8, "scenarios.api.load.stages[0].for", "is required" },
        { ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1]\nstages: [{rate: 1, for: 0}]"), 8, "scenarios.api.load.stages[0].for", "more than 0" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\nreplay: forever"), 10, "scenarios.api.load.replay", "not a replay mode" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\nreplay: {times: 0}"), 10, "scenarios.api.load.replay.times", "between 1 and" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\nreplay: {count: 2}"), 10, "scenarios.api.load.replay.count", "unknown key" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\ntimeout: 0"), 7, "scenarios.api.load.timeout", "more than 0" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\nrequests: /etc/shadow"), 10, "scenarios.api.load.requests", "inside the repository" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\nheaders: [{match: \"(\", set: {X: y}}]"), 10, "scenarios.api.load.headers[0].match", "not a valid regular expression" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\nheaders: [{match: x}]"), 10, "scenarios.api.load.headers[0]", "neither sets nor removes" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\nheaders: [{set: {\"Bad Header\": y}}]"), 10, "scenarios.api.load.headers[0]", "not a valid header name" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\nheaders: [{set: {X: \"a\\r\\nInjected: 1\"}}]"), 10, "scenarios.api.load.headers[0].set", "line breaks" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\ntag: \"has space\""), 10, "scenarios.api.load.tag", "a tag uses" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\nconnections: 0"), 10, "scenarios.api.load.connections", "between 1 and" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\nmax_in_flight: 2.5"), 10, "scenarios.api.load.max_in_flight", "whole number" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\nprotocol: http3"), 10, "scenarios.api.load.protocol", "not a protocol" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\nrps: 5"), 10, "scenarios.api.load.rps", "unknown key \"rps\"" },
        { ScenarioYaml.WithLoad(ValidLoad + "rate: 1\n<<: {timeout: 1s}"), 10, "scenarios.api.load.<<", "unknown key \"<<\"" }, // no YAML merge keys (docs/scenario-file.md)
        // queries
        { ScenarioYaml.WithQueries("p99: {better: lower, threshold: 10%}"), 7, "scenarios.api.queries.p99.promql", "is required" },
        { ScenarioYaml.WithQueries("p99: {promql: x, better: smaller, threshold: 10%}"), 7, "scenarios.api.queries.p99.better", "use lower or higher" },
        { ScenarioYaml.WithQueries("p99: {promql: x, better: lower, threshold: ten}"), 7, "scenarios.api.queries.p99.threshold", "not a percentage" },
        { ScenarioYaml.WithQueries("p99: {promql: x, better: lower, threshold: -3%}"), 7, "scenarios.api.queries.p99.threshold", "between 0% and 1000%" },
        { ScenarioYaml.WithQueries("p99: {promql: x, better: lower}"), 7, "scenarios.api.queries.p99.threshold", "is required" },
        { ScenarioYaml.WithQueries("p99: {promql: \"\", better: lower, threshold: 1%}"), 7, "scenarios.api.queries.p99.promql", "must not be empty" },
        { ScenarioYaml.WithQueries("p99: \"rate(x[1m])\""), 7, "scenarios.api.queries.p99", "expected a mapping" },
        { ScenarioYaml.WithQueries("p99: {promql: x, better: lower, threshold: 1%, alpha: 0.05}"), 7, "scenarios.api.queries.p99.alpha", "unknown key" },
        { ScenarioYaml.WithQueries("errors: {promql: x, better: lower, threshold: 10%, floor: -0.001}"), 7, "scenarios.api.queries.errors.floor", "between 0 and 1000000000000" },
        { ScenarioYaml.WithQueries("errors: {promql: x, better: lower, threshold: 10%, floor: 1e13}"), 7, "scenarios.api.queries.errors.floor", "between 0 and 1000000000000" },
        { ScenarioYaml.WithQueries("errors: {promql: x, better: lower, threshold: 10%, floor: some}"), 7, "scenarios.api.queries.errors.floor", "expected a number, found \"some\"" },
        { ScenarioYaml.WithQueries("errors: {promql: x, better: lower, threshold: 10%, floor: .nan}"), 7, "scenarios.api.queries.errors.floor", "expected a number" },
        { ScenarioYaml.WithQueries("errors: {promql: x, better: lower, threshold: 10%, floor: [1]}"), 7, "scenarios.api.queries.errors.floor", "found a list" },
        // resources
        { ScenarioYaml.WithResources("cpu: {threshold: lots}"), 7, "scenarios.api.resources.cpu.threshold", "not a percentage" },
        { ScenarioYaml.WithResources("memory: {threshold: 2000%}"), 7, "scenarios.api.resources.memory.threshold", "between 0% and 1000%" },
        { ScenarioYaml.WithResources("cpu: {floor: -0.1}"), 7, "scenarios.api.resources.cpu.floor", "between 0 and 1000" },
        { ScenarioYaml.WithResources("memory: {floor: 2e6}"), 7, "scenarios.api.resources.memory.floor", "between 0 and 1048576" },
        { ScenarioYaml.WithResources("cpu: {floor: .inf}"), 7, "scenarios.api.resources.cpu.floor", "expected a number" },
        { ScenarioYaml.WithResources("cpu: 25%"), 7, "scenarios.api.resources.cpu", "expected a mapping" },
        { ScenarioYaml.WithResources("cpu: {threshold: 5%, alpha: 0.01}"), 7, "scenarios.api.resources.cpu.alpha", "unknown key" },
        { ScenarioYaml.WithResources("disk: {threshold: 5%}"), 7, "scenarios.api.resources.disk", "unknown key \"disk\"" },
        { ScenarioYaml.WithResources("ignore: prometheus"), 7, "scenarios.api.resources.ignore", "expected a list" },
        { ScenarioYaml.WithResources("ignore: [\"../etc\"]"), 7, "scenarios.api.resources.ignore[0]", "not a container name" },
        { ScenarioYaml.WithResources("ignore: [prometheus, sut, prometheus]"), 7, "scenarios.api.resources.ignore[2]", "listed twice" },
        { ScenarioYaml.WithResources("ignore: [" + string.Join(", ", Enumerable.Range(0, 65).Select(i => "c" + i)) + "]"), 7, "scenarios.api.resources.ignore", "the limit is 64" },
        { ScenarioYaml.WithResources("[cpu]"), 7, "scenarios.api.resources", "expected a mapping" },
    };

    [Theory]
    [MemberData(nameof(WrongFiles))]
    public void Parse_WrongFile_NamesLineFieldAndProblem(string yaml, int line, string field, string problem)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, "repo/.perffleet.yml", ScenarioYaml.Variables));

        Assert.Equal("repo/.perffleet.yml", ex.File);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
        Assert.Equal(field, ex.Field);
        Assert.Equal(line, ex.Line);
        Assert.StartsWith($"repo/.perffleet.yml:{line}:", ex.Message, StringComparison.Ordinal);
    }
}
