using System.Diagnostics;
using System.Text;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Contracts.Tests.Scenarios;

public sealed class ScenarioParserHostileInputTests
{
    [Fact]
    public void Parse_InvalidYaml_ReportsPosition()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse("version: 1\nscenarios:\n  api: [unclosed\n"));

        Assert.Contains("invalid YAML", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Line >= 3, $"line {ex.Line}");
    }

    [Fact]
    public void Parse_DuplicateKey_IsRejected()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse("version: 1\nversion: 1\nscenarios: {}\n"));

        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void Parse_VeryDeepNesting_FailsFastWithoutStackOverflow()
    {
        var yaml = "version: 1\nscenarios: " + new string('[', 100_000) + new string(']', 100_000);

        var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml));

        Assert.Contains("nests deeper than", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void Parse_BillionLaughs_IsRejectedQuickly()
    {
        var yaml = new StringBuilder("version: 1\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 30; i++)
        {
            var previous = $"*a{i - 1}";
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat(previous, 9))}]\n");
        }

        yaml.Append("scenarios: *a29\n");
        var stopwatch = Stopwatch.StartNew();

        var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml.ToString()));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        Assert.Contains("aliases", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FewAliasesToABigList_DoesNotExpand()
    {
        // Within the alias budget, but the alias points at a list where a string is expected:
        // the schema walk stops at the first wrong node instead of expanding it.
        const string yaml = """
            version: 1
            x: &big [[a, b], [c, d]]
            scenarios:
              api:
                stack: {local: [{name: s, run: *big}]}
                load: {targets: [http://127.0.0.1:1], rate: 1, duration: 1s}
            """;

        var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml));

        Assert.Contains("unknown key \"x\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HugeFile_IsRejectedBeforeParsing()
    {
        var yaml = "version: 1\n# " + new string('x', 2 * 1024 * 1024) + "\nscenarios: {}\n";

        var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml));

        Assert.Contains("the limit is", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ManyNodes_IsRejected()
    {
        var yaml = "version: 1\nscenarios: {}\nqueries: [" + string.Join(",", Enumerable.Repeat("1", 60_000)) + "]\n";

        var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml));

        Assert.Contains("more than 50000 YAML nodes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SecondDocument_IsRejected()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(ScenarioYaml.Local + "\n---\nversion: 1\n"));

        Assert.Contains("single YAML document", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BinaryGarbage_FailsWithScenarioException()
    {
        var random = new Random(42);
        var bytes = new byte[4096];
        random.NextBytes(bytes);

        Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(Encoding.Latin1.GetString(bytes)));
    }

    [Fact]
    public void Parse_VariableValueWithYamlSyntax_IsTakenLiterally()
    {
        var variables = new Dictionary<string, string>(ScenarioYaml.Variables) { ["PERFFLEET_PORT_SUT"] = "1]\nrate: 9" };

        var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(ScenarioYaml.Local, ".perffleet.yml", variables));

        Assert.Equal("scenarios.local-api.stack.ready", ex.Field);
    }
}
