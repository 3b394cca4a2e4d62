using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Contracts.Tests.Scenarios;

/// <summary>A scenario's <c>repeat:</c> section: how a paired run repeats it.</summary>
public sealed class RepeatSectionTests
{
    public static TheoryData<string, int, string, string> WrongSections => new()
    {
        { "pairs: 0", 7, "scenarios.api.repeat.pairs", "must be between 1 and 50, found 0" },
        { "pairs: -3", 7, "scenarios.api.repeat.pairs", "must be between 1 and 50, found -3" },
        { "pairs: 51", 7, "scenarios.api.repeat.pairs", "must be between 1 and 50, found 51" },
        { "pairs: 2.5", 7, "scenarios.api.repeat.pairs", "expected a whole number, found \"2.5\"" },
        { "pairs: many", 7, "scenarios.api.repeat.pairs", "expected a whole number, found \"many\"" },
        { "pairs: [1, 2]", 7, "scenarios.api.repeat.pairs", "expected a whole number, found a list" },
        { "pairs: {n: 3}", 7, "scenarios.api.repeat.pairs", "expected a whole number, found a mapping" },
        { "pairs: 3\npair: 4", 8, "scenarios.api.repeat.pair", "unknown key \"pair\"; allowed here: pairs, duration, warmup, stack" },
        { "stack: reused", 7, "scenarios.api.repeat.stack", "\"reused\" is not a choice; use fresh" },
        { "stack: [kept]", 7, "scenarios.api.repeat.stack", "expected a string, found a list" },
        { "stack: \"\"", 7, "scenarios.api.repeat.stack", "is not a choice" },
        { "duration: 0s", 7, "scenarios.api.repeat.duration", "must be more than 0 and at most 6h" },
        { "duration: 7h", 7, "scenarios.api.repeat.duration", "must be more than 0 and at most 6h" },
        { "duration: -5s", 7, "scenarios.api.repeat.duration", "is negative" },
        { "duration: soon", 7, "scenarios.api.repeat.duration", "soon" },
        { "duration: [1s]", 7, "scenarios.api.repeat.duration", "expected a string, found a list" },
        { "warmup: 7h", 7, "scenarios.api.repeat.warmup", "must be 0 to 6h" },
        { "warmup: -1s", 7, "scenarios.api.repeat.warmup", "is negative" },
    };

    [Theory]
    [MemberData(nameof(WrongSections))]
    public void Parse_WrongRepeat_FailsNamingTheLineAndField(string body, int line, string field, string problem) =>
        ScenarioYaml.AssertFails(ScenarioYaml.WithRepeat(body), line, field, problem);

    [Fact]
    public void Parse_RepeatNotAMapping_FailsOnItsLine()
    {
        var yaml = ScenarioYaml.WithResources("{}").Replace("resources:\n      {}", "repeat: 5", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, ".perffleet.yml", ScenarioYaml.Variables));

        Assert.Equal((6, "scenarios.api.repeat"), (error.Line, error.Field));
        Assert.Contains("expected a mapping", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RepeatDurationWithStages_FailsSayingTheStagesAreTheWindow()
    {
        var yaml = ScenarioYaml.WithLoad("targets: [http://127.0.0.1:1]\nstages: [{rate: 1, for: 10s}]") + "\n    repeat: {duration: 5s}";

        var error = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, ".perffleet.yml", ScenarioYaml.Variables));

        Assert.Equal((9, "scenarios.api.repeat.duration"), (error.Line, error.Field));
        Assert.Contains("stages' total", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duration")]
    [InlineData("warmup")]
    public void Parse_WindowSettingsWithALoadGenerator_FailSayingThereIsNoLoadSection(string key)
    {
        var yaml = $"version: 1\nscenarios:\n  api:\n    stack: {{compose: c.yml, load_generator: lg}}\n    repeat: {{pairs: 3, {key}: 5s}}\n";

        var error = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, ".perffleet.yml", ScenarioYaml.Variables));

        Assert.Equal((5, "scenarios.api.repeat." + key), (error.Line, error.Field));
        Assert.Contains("needs a load section", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WholeSection_ReadsPairsWindowAndWarmup()
    {
        var repeat = ScenarioParser.Parse(ScenarioYaml.WithRepeat("pairs: 8\nduration: 1m30s\nwarmup: 0s"), ".perffleet.yml", ScenarioYaml.Variables).Select("api").Repeat;

        Assert.Equal(new ScenarioRepeat(8, TimeSpan.FromSeconds(90), TimeSpan.Zero), repeat);
    }

    [Theory]
    [InlineData("stack: kept", true)]
    [InlineData("stack: fresh", false)]
    [InlineData("pairs: 4", false)]
    public void Parse_Stack_KeptOrFreshAndFreshByDefault(string body, bool kept)
    {
        var repeat = ScenarioParser.Parse(ScenarioYaml.WithRepeat(body), ".perffleet.yml", ScenarioYaml.Variables).Select("api").Repeat;

        Assert.Equal(kept, repeat.KeepStacks);
    }

    [Fact]
    public void Parse_PartsOrSectionLeftOut_LeaveTheDefaults()
    {
        var partial = ScenarioParser.Parse(ScenarioYaml.WithRepeat("pairs: 50"), ".perffleet.yml", ScenarioYaml.Variables).Select("api").Repeat;
        var empty = ScenarioParser.Parse(ScenarioYaml.WithRepeat("{}"), ".perffleet.yml", ScenarioYaml.Variables).Select("api").Repeat;
        var none = ScenarioParser.Parse(ScenarioYaml.WithResources("{}"), ".perffleet.yml", ScenarioYaml.Variables).Select("api").Repeat;
        var loadGenerator = ScenarioParser.Parse("version: 1\nscenarios:\n  api:\n    stack: {compose: c.yml, load_generator: lg}\n    repeat: {pairs: 2}\n", ".perffleet.yml", ScenarioYaml.Variables).Select("api").Repeat;

        Assert.Equal(new ScenarioRepeat(50, null, null), partial);
        Assert.Equal(ScenarioRepeat.None, empty);
        Assert.Same(ScenarioRepeat.None, none);
        Assert.Equal(2, loadGenerator.Pairs);
    }

    [Fact]
    public void Apply_ReplacesTheWindowAndWarmupItSets_AndKeepsTheRest()
    {
        var load = ScenarioParser.Parse(ScenarioYaml.Full, ".perffleet.yml", ScenarioYaml.Variables).Select("api").Load!;

        var both = new ScenarioRepeat(3, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(2)).Apply(load)!;
        var windowOnly = new ScenarioRepeat(null, TimeSpan.FromSeconds(20), null).Apply(load)!;

        Assert.Equal((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(2)), (both.Duration, both.Warmup));
        Assert.Equal((TimeSpan.FromSeconds(20), load.Warmup), (windowOnly.Duration, windowOnly.Warmup));
        Assert.Equal(load with { Duration = both.Duration, Warmup = both.Warmup }, both);
        Assert.Equal(load, ScenarioRepeat.None.Apply(load));
        Assert.Null(ScenarioRepeat.None.Apply(null));
    }
}
