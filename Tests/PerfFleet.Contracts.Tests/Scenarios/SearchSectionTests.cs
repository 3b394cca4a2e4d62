using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Contracts.Tests.Scenarios;

/// <summary>A scenario's <c>search:</c> section: a capacity search's SLO, range and budget.</summary>
public sealed class SearchSectionTests
{
    private const string Slo = "slo: {p99: 50ms, error_rate: 1%}\n";

    public static TheoryData<string, int, string, string> WrongSections => new()
    {
        { Slo + "from: 500\nto: 100", 9, "scenarios.api.search.to", "must be at least from (500/s), found 100" },
        { Slo + "from: -5\nto: 100", 8, "scenarios.api.search.from", "must be more than 0" },
        { Slo + "from: 0\nto: 100", 8, "scenarios.api.search.from", "must be more than 0" },
        { Slo + "from: 100\nto: 0", 9, "scenarios.api.search.to", "must be more than 0" },
        { Slo + "from: 100\nto: 2000000", 9, "scenarios.api.search.to", "at most 1000000 requests/s" },
        { Slo + "from: many\nto: 100", 8, "scenarios.api.search.from", "expected a number, found \"many\"" },
        { Slo + "from: \"1\\x01\"\nto: 100", 8, "scenarios.api.search.from", "expected a number" },
        { Slo + "from: [1]\nto: 100", 8, "scenarios.api.search.from", "expected a string, found a list" },
        { Slo + "to: 100", 7, "scenarios.api.search.from", "is required" },
        { Slo + "from: 100", 7, "scenarios.api.search.to", "is required" },
        { "from: 1\nto: 2", 7, "scenarios.api.search.slo", "is required" },
        { "slo: {}\nfrom: 1\nto: 2", 7, "scenarios.api.search.slo", "needs p99 (e.g. 50ms), error_rate (e.g. 1%) or both" },
        { "slo: {p99: 50}\nfrom: 1\nto: 2", 7, "scenarios.api.search.slo.p99", "\"50\" has no unit; write e.g. 50ms" },
        { "slo: {p99: 0s}\nfrom: 1\nto: 2", 7, "scenarios.api.search.slo.p99", "must be more than 0" },
        { "slo: {p99: -5ms}\nfrom: 1\nto: 2", 7, "scenarios.api.search.slo.p99", "is negative" },
        { "slo: {error_rate: 150%}\nfrom: 1\nto: 2", 7, "scenarios.api.search.slo.error_rate", "from 0% to 100%" },
        { "slo: {error_rate: -1%}\nfrom: 1\nto: 2", 7, "scenarios.api.search.slo.error_rate", "between 0% and" },
        { "slo: {error_rate: lots}\nfrom: 1\nto: 2", 7, "scenarios.api.search.slo.error_rate", "not a percentage" },
        { "slo: {p99: 50ms, p95: 20ms}\nfrom: 1\nto: 2", 7, "scenarios.api.search.slo.p95", "unknown key \"p95\"; allowed here: p99, error_rate" },
        { "slo: 50ms\nfrom: 1\nto: 2", 7, "scenarios.api.search.slo", "expected a mapping" },
        { Slo + "from: 1\nto: 2\nstep_duration: 500ms", 10, "scenarios.api.search.step_duration", "at least 1s and at most 1h" },
        { Slo + "from: 1\nto: 2\nstep_duration: 2h", 10, "scenarios.api.search.step_duration", "at least 1s and at most 1h" },
        { Slo + "from: 1\nto: 2\nstep_duration: 10", 10, "scenarios.api.search.step_duration", "lacks a unit" },
        { Slo + "from: 1\nto: 2\ntolerance: 0%", 10, "scenarios.api.search.tolerance", "more than 0% and at most 50%" },
        { Slo + "from: 1\nto: 2\ntolerance: 60%", 10, "scenarios.api.search.tolerance", "more than 0% and at most 50%" },
        { Slo + "from: 1\nto: 2\nmax_steps: 0", 10, "scenarios.api.search.max_steps", "must be between 1 and 50, found 0" },
        { Slo + "from: 1\nto: 2\nmax_steps: 2.5", 10, "scenarios.api.search.max_steps", "expected a whole number" },
        { Slo + "from: 1\nto: 2\nsteps: 8", 10, "scenarios.api.search.steps", "unknown key \"steps\"; allowed here: slo, from, to, step_duration, tolerance, max_steps" },
    };

    [Theory]
    [MemberData(nameof(WrongSections))]
    public void Parse_WrongSearch_FailsNamingTheLineAndField(string body, int line, string field, string problem) =>
        ScenarioYaml.AssertFails(ScenarioYaml.WithSearch(body), line, field, problem);

    [Fact]
    public void ParseSearch_GivenApartFromTheFile_ReadsLikeTheSection()
    {
        var search = ScenarioParser.ParseSearch("{slo: {p99: 50ms, error_rate: 1%}, from: 100, to: 2000, max_steps: 6}", "--search");

        Assert.Equal((TimeSpan.FromMilliseconds(50), 1d, 100d, 2000d, 6), (search.P99!.Value, search.ErrorRatePercent!.Value, search.From, search.To, search.MaxSteps));
        Assert.Equal(ScenarioSearch.DefaultStepDuration, search.StepDuration);
    }

    [Theory]
    [InlineData("{slo: {p99: 50}, from: 1, to: 2}", "search.slo.p99", "has no unit")]
    [InlineData("{slo: {p99: 50ms}, from: 5, to: 2}", "search.to", "must be at least from")]
    [InlineData("{slo: {p99: 50ms}, from: 1, to: 2, steps: 3}", "search.steps", "unknown key")]
    [InlineData("{slo: {p99: 50ms}, from: 1", "search", "invalid YAML")]
    [InlineData("", "search", "is empty")]
    [InlineData("   ", "search", "is empty")]
    [InlineData("[1, 2]", "search", "expected a mapping")]
    public void ParseSearch_Wrong_FailsNamingTheSourceAndField(string text, string field, string problem)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioParser.ParseSearch(text, "--search"));

        Assert.Equal(("--search", field), (error.File, error.Field));
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{slo: {p99: \"5\u0000ms\"}, from: 1, to: 2}")]
    [InlineData("{slo: {p99: 50ms}, from: \ud800, to: 2}")]
    [InlineData("{slo: &a {p99: 50ms}, from: *a, to: 2}")]
    public void ParseSearch_HostileText_IsAScenarioErrorNotACrash(string text) =>
        Assert.Throws<ScenarioException>(() => ScenarioParser.ParseSearch(text, "--search"));

    [Fact]
    public void ParseSearch_TooLong_FailsBeforeReadingIt()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioParser.ParseSearch("{slo: {p99: 50ms}, from: 1, to: 2}" + new string(' ', ScenarioParser.MaxSearchLength), "--search"));

        Assert.Contains("the limit is 4096", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SearchNotAMapping_FailsOnItsLine()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(ScenarioYaml.WithSearch("[100, 2000]"), ".perffleet.yml", ScenarioYaml.Variables));

        Assert.Equal((7, "scenarios.api.search"), (error.Line, error.Field));
        Assert.Contains("expected a mapping", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SearchWithALoadGenerator_FailsSayingThereIsNoLoadSection()
    {
        var yaml = "version: 1\nscenarios:\n  api:\n    stack: {compose: c.yml, load_generator: lg}\n    search: {slo: {p99: 50ms}, from: 1, to: 2}\n";

        var error = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, ".perffleet.yml", ScenarioYaml.Variables));

        Assert.Equal((5, "scenarios.api.search"), (error.Line, error.Field));
        Assert.Contains("needs a load section", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NonTextBytesInTheSection_FailWithAScenarioException()
    {
        var yaml = ScenarioYaml.WithSearch(Slo + "from: 1\nto: 2") + "\n      \u0001\u00ff: 3";

        Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, ".perffleet.yml", ScenarioYaml.Variables));
    }

    [Fact]
    public void Parse_WholeSection_ReadsEveryPart()
    {
        var search = ScenarioParser.Parse(ScenarioYaml.WithSearch(Slo + "from: 100\nto: 20000\nstep_duration: 5s\ntolerance: 2.5%\nmax_steps: 12"), ".perffleet.yml", ScenarioYaml.Variables).Select("api").Search;

        Assert.Equal(new ScenarioSearch(TimeSpan.FromMilliseconds(50), 1, 100, 20_000, TimeSpan.FromSeconds(5), 2.5, 12), search);
    }

    [Fact]
    public void Parse_OptionalPartsLeftOut_TakeTheDefaults()
    {
        var p99Only = ScenarioParser.Parse(ScenarioYaml.WithSearch("slo: {p99: 20ms}\nfrom: 50\nto: 50"), ".perffleet.yml", ScenarioYaml.Variables).Select("api").Search;
        var errorsOnly = ScenarioParser.Parse(ScenarioYaml.WithSearch("slo: {error_rate: 0%}\nfrom: 1.5\nto: 900"), ".perffleet.yml", ScenarioYaml.Variables).Select("api").Search;
        var none = ScenarioParser.Parse(ScenarioYaml.WithRepeat("{}"), ".perffleet.yml", ScenarioYaml.Variables).Select("api").Search;

        Assert.Equal(new ScenarioSearch(TimeSpan.FromMilliseconds(20), null, 50, 50, ScenarioSearch.DefaultStepDuration, ScenarioSearch.DefaultTolerancePercent, ScenarioSearch.DefaultMaxSteps), p99Only);
        Assert.Equal(new ScenarioSearch(null, 0, 1.5, 900, TimeSpan.FromSeconds(10), 5, 8), errorsOnly);
        Assert.Null(none);
    }
}
