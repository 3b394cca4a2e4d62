using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Comparison;
using static PerfFleet.Coordinator.Tests.Comparison.ResourceRuns;

namespace PerfFleet.Coordinator.Tests.Comparison;

/// <summary>Warm-up readings, broken probes and hostile reports: skipped with a reason or a clear error, never a crash.</summary>
public sealed class ResourceComparerBadInputTests
{
    [Fact]
    public void Compare_WarmUpSamplesOutsideWindow_AreLeftOut()
    {
        // During warm-up the JIT and caches fill: 900 MiB before the window would double the median if counted.
        var baseline = Run("baseline", Container("api", Around(1, 0.5, 0.02), Around(2, 100 * MiB, MiB)));
        var warm = Container("api", Around(3, 0.5, 0.02), Around(4, 100 * MiB, MiB));
        warm.MemoryBytes.Add(Enumerable.Range(1, 60).Select(i => At(WindowStart.AddSeconds(-i), 900 * MiB)));
        warm.MemoryBytes.Add(At(WindowEnd.AddSeconds(5), 900 * MiB)); // teardown
        var test = Run("test", warm);

        var memory = Row(ResourceComparerTests.Comparer().Compare(test, baseline), "api.memory_mib");

        Assert.Equal(Verdict.Unchanged, memory.Verdict);
        Assert.Equal(40, memory.TestSamples);
        Assert.InRange(memory.TestMedian, 99, 101);
    }

    [Theory]
    [InlineData(double.NaN, double.NaN)]
    [InlineData(-10, -1)]
    [InlineData(double.PositiveInfinity, 1e9)]
    public void Compare_RuleNoScenarioFileCouldHold_JudgesByTheOptions(double threshold, double floor)
    {
        // +30 % memory, significant: a regression by the options (10 %, 4 MiB) whatever the worker sent.
        var baseline = Run("baseline", Container("api", Around(61, 0.5, 0.01), Around(62, 100 * MiB, 0.5 * MiB)));
        var test = Container("api", Around(63, 0.5, 0.01), Around(64, 130 * MiB, 0.5 * MiB));
        test.MemoryRule = new ResourceRule { ThresholdPercent = threshold, Floor = floor };

        var memory = Row(ResourceComparerTests.Comparer().Compare(Run("test", test), baseline), "api.memory_mib");

        Assert.Equal((Verdict.Regression, 10.0), (memory.Verdict, memory.ThresholdPercent));
    }

    [Fact]
    public void Compare_NoWindowKnown_UsesEverySample()
    {
        // An external load generator: no engine summary, so no window to filter by.
        var baseline = Run("baseline", Container("api", Around(5, 0.5, 0.02), Around(6, 100 * MiB, MiB))) with { Summary = null };
        var test = Run("test", Container("api", Around(7, 0.5, 0.02), Around(8, 100 * MiB, MiB))) with { Summary = null };
        test.Resources![0].MemoryBytes.Add(At(WindowStart.AddHours(-1), 100 * MiB));

        var memory = Row(ResourceComparerTests.Comparer().Compare(test, baseline), "api.memory_mib");

        Assert.Equal(41, memory.TestSamples);
    }

    [Fact]
    public void Compare_SomeSamplesNaNNegativeOrAbsurd_SkippedAndNamedInTheMessage()
    {
        var baseline = Run("baseline", Container("api", Around(9, 0.5, 0.02), Around(10, 100 * MiB, MiB)));
        var memory = Around(11, 400 * MiB, MiB).Concat([double.NaN, double.PositiveInfinity, -5, 1e30]).ToArray();
        var test = Run("test", Container("api", Around(12, 0.5, 0.02), memory));

        var row = Row(ResourceComparerTests.Comparer().Compare(test, baseline), "api.memory_mib");

        Assert.Equal(Verdict.Regression, row.Verdict); // judged on the 40 good samples
        Assert.Equal(40, row.TestSamples);
        Assert.Contains("skipped 4 invalid test samples (2 NaN or infinite, 1 negative, 1 above 1.13E+15)", row.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_AllTestSamplesInvalid_ErrorNamingWhatIsWrong()
    {
        var baseline = Run("baseline", Container("api", Around(13, 0.5, 0.02), Around(14, 100 * MiB, MiB)));
        var test = Run("test", Container("api", [double.NaN, -1, 1e9], Around(15, 100 * MiB, MiB)));

        var comparison = ResourceComparerTests.Comparer().Compare(test, baseline);

        var cpu = Row(comparison, "api.cpu_cores");
        Assert.Equal(Verdict.Error, cpu.Verdict);
        Assert.Equal("in the test run, all 3 CPU samples were invalid (1 NaN or infinite, 1 negative, 1 above 1E+05)", cpu.Message);
        Assert.Equal(40, cpu.BaselineSamples);
        Assert.Equal(Verdict.Error, comparison.Verdict);
    }

    [Fact]
    public void Compare_TestSamplesAllOutsideWindow_ErrorSaysSo()
    {
        var baseline = Run("baseline", Container("api", Around(23, 0.5, 0.02), Around(24, 100 * MiB, MiB)));
        var late = Container("api", [], []);
        late.MemoryBytes.Add(Enumerable.Range(1, 3).Select(i => At(WindowEnd.AddMinutes(i), 100 * MiB)));
        late.MemoryBytes.Add(new Sample { Time = Timestamp.FromDateTimeOffset(WindowStart.AddSeconds(-1)), Value = double.NaN });

        var memory = Row(ResourceComparerTests.Comparer().Compare(Run("test", late), baseline), "api.memory_mib");

        Assert.Equal(Verdict.Error, memory.Verdict);
        Assert.Equal("in the test run, none of the 4 memory samples lie inside the measured window", memory.Message);
    }

    [Fact]
    public void Compare_AllBaselineSamplesInvalid_NoBaselineWithReason()
    {
        var baseline = Run("baseline", Container("api", Around(16, 0.5, 0.02), [double.NaN, double.NaN]));
        var test = Run("test", Container("api", Around(17, 0.5, 0.02), Around(18, 100 * MiB, MiB)));

        var memory = Row(ResourceComparerTests.Comparer().Compare(test, baseline), "api.memory_mib");

        Assert.Equal(Verdict.NoBaseline, memory.Verdict);
        Assert.Equal("in the baseline run, all 2 memory samples were invalid (2 NaN or infinite)", memory.Message);
    }

    [Fact]
    public void Compare_HostileTimestampsAndUnnamedDuplicateSeries_NoCrash()
    {
        var baseline = Run("baseline", Container("", Around(19, 0.5, 0.02), Around(20, 100 * MiB, MiB)));
        var hostile = Container("", Around(21, 0.5, 0.02), Around(22, 100 * MiB, MiB));
        hostile.MemoryBytes.Add(new Sample { Time = new Timestamp { Seconds = long.MaxValue }, Value = 100 * MiB });
        hostile.MemoryBytes.Add(new Sample { Time = new Timestamp { Seconds = 1, Nanos = -7 }, Value = 100 * MiB });
        var duplicate = Container(" ", [0.5], [100 * MiB]);
        var test = Run("test", hostile, duplicate);

        var comparison = ResourceComparerTests.Comparer().Compare(test, baseline with { Summary = new LoadSummary { WindowStart = new Timestamp { Seconds = long.MinValue } } });

        var memory = Row(comparison, "(unnamed).memory_mib");
        Assert.Equal(41, memory.TestSamples); // 40 + the duplicate series' one, pooled under one name
        Assert.Contains("2 with an invalid timestamp", memory.Message, StringComparison.Ordinal);
        Assert.Equal(Verdict.Unchanged, memory.Verdict);
    }

    [Fact]
    public void AddPerfFleetComparison_ResourceThresholdOutOfRange_FailsNamingTheOption()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PerfFleet:Comparison:Resources:CpuThresholdPercent"] = "-5",
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPerfFleetComparison().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ComparisonOptions>>().Value);

        Assert.Contains("CpuThresholdPercent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPerfFleetComparison_ResourceOptionsFromConfiguration_AreBound()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PerfFleet:Comparison:Resources:MemoryThresholdPercent"] = "20",
            ["PerfFleet:Comparison:Resources:Enabled"] = "false",
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPerfFleetComparison().BuildServiceProvider();

        var resources = services.GetRequiredService<IOptions<ComparisonOptions>>().Value.Resources;

        Assert.Equal(20, resources.MemoryThresholdPercent);
        Assert.False(resources.Enabled);
        Assert.Equal(10, resources.CpuThresholdPercent);
    }
}
