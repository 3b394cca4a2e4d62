using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;
using static PerfFleet.Coordinator.Tests.Comparison.ResourceRuns;

namespace PerfFleet.Coordinator.Tests.Comparison;

/// <summary>CPU and memory per container, judged like a query: threshold and rank test, lower is better.</summary>
public sealed class ResourceComparerTests
{
    [Fact]
    public void Compare_MemoryDoubled_IsRegressionInMiBWithNumbersAndFailsTheRun()
    {
        var baseline = Run("baseline", Container("api", Around(1, 0.5, 0.02), Around(2, 200 * MiB, 2 * MiB)));
        var test = Run("test", Container("api", Around(3, 0.5, 0.02), Around(4, 400 * MiB, 2 * MiB)));

        var comparison = Comparer().Compare(test, baseline);

        var memory = Row(comparison, "api.memory_mib");
        Assert.Equal(Verdict.Regression, memory.Verdict);
        Assert.Equal(Better.Lower, memory.Better);
        Assert.Equal(10, memory.ThresholdPercent);
        Assert.InRange(memory.BaselineMedian, 198, 202);
        Assert.InRange(memory.TestMedian, 398, 402);
        Assert.InRange(memory.ChangePercent, 95, 105);
        Assert.True(memory.PValue < 1e-6, $"p = {memory.PValue}");
        Assert.Equal(40, memory.BaselineSamples);
        Assert.Equal(40, memory.TestSamples);
        Assert.Contains("significant", memory.Message, StringComparison.Ordinal);
        Assert.Equal(Verdict.Unchanged, Row(comparison, "api.cpu_cores").Verdict);
        Assert.Equal(Verdict.Regression, comparison.Verdict);
    }

    [Fact]
    public void Compare_CpuHalved_IsImprovement()
    {
        var baseline = Run("baseline", Container("api", Around(5, 1.0, 0.05), Around(6, 100 * MiB, MiB)));
        var test = Run("test", Container("api", Around(7, 0.5, 0.05), Around(8, 100 * MiB, MiB)));

        var comparison = Comparer().Compare(test, baseline);

        var cpu = Row(comparison, "api.cpu_cores");
        Assert.Equal(Verdict.Improvement, cpu.Verdict);
        Assert.InRange(cpu.ChangePercent, -55, -45);
        Assert.Equal(Verdict.Improvement, comparison.Verdict);
    }

    [Fact]
    public void Compare_SameDistribution_IsUnchanged()
    {
        // Quiet enough that 40 samples a side rule out a 10 % change (with the assumed 2 % run spread).
        var baseline = Run("baseline", Container("db", Around(9, 0.8, 0.03), Around(10, 300 * MiB, 5 * MiB)));
        var test = Run("test", Container("db", Around(11, 0.8, 0.03), Around(12, 300 * MiB, 5 * MiB)));

        var comparison = Comparer().Compare(test, baseline);

        Assert.All(comparison.Metrics, m => Assert.Equal(Verdict.Unchanged, m.Verdict));
        Assert.Equal(2, comparison.Metrics.Count);
        Assert.Equal(Verdict.Unchanged, comparison.Verdict);
    }

    [Fact]
    public void Compare_NoisyCpuPastThreshold_IsInconclusiveBecauseNotSignificant()
    {
        // Means 0.95 -> 1.17 cores (+23 %), but six wildly spread samples cannot tell that from noise, nor rule it out.
        var baseline = Run("baseline", Container("api", [0.3, 1.6, 0.9, 1.4, 0.5, 1.0], [MiB]));
        var test = Run("test", Container("api", [0.6, 1.8, 1.1, 1.5, 0.7, 1.3], [MiB]));

        var cpu = Row(Comparer().Compare(test, baseline), "api.cpu_cores");

        Assert.Equal(Verdict.Inconclusive, cpu.Verdict);
        Assert.True(cpu.ChangePercent > 10, $"change {cpu.ChangePercent}");
        Assert.True(cpu.PValue >= 0.01, $"p = {cpu.PValue}");
        Assert.Contains("not significant", cpu.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_IdleSidecarDoublesBelowFloor_IsUnchanged()
    {
        // 0.002 -> 0.004 cores is +100 % and significant, yet below the 0.02-core floor.
        var baseline = Run("baseline", Container("prometheus", Around(13, 0.002, 0.0001), Around(14, 50 * MiB, 0.1 * MiB)));
        var test = Run("test", Container("prometheus", Around(15, 0.004, 0.0001), Around(16, 50 * MiB, 0.1 * MiB)));

        var cpu = Row(Comparer().Compare(test, baseline), "prometheus.cpu_cores");

        Assert.Equal(Verdict.Unchanged, cpu.Verdict);
        Assert.InRange(cpu.ChangePercent, 80, 120);
        Assert.Contains("floor", cpu.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ConfiguredThresholds_Apply()
    {
        var options = new ComparisonOptions { WindowRunSpreadPercent = 2, Resources = { CpuThresholdPercent = 50, MemoryThresholdPercent = 5 } };
        var baseline = Run("baseline", Container("api", Around(17, 1.0, 0.02), Around(18, 100 * MiB, 0.5 * MiB)));
        var test = Run("test", Container("api", Around(19, 1.3, 0.02), Around(20, 108 * MiB, 0.5 * MiB)));

        var comparison = Comparer(options).Compare(test, baseline);

        Assert.Equal(Verdict.Unchanged, Row(comparison, "api.cpu_cores").Verdict); // +30 % within 50 %
        Assert.Equal(50, Row(comparison, "api.cpu_cores").ThresholdPercent);
        Assert.Equal(Verdict.Regression, Row(comparison, "api.memory_mib").Verdict); // +8 % past 5 %
    }

    [Fact]
    public void Compare_ContainersInOneRunOnly_NewIsNoBaselineGoneIsListedUnjudged()
    {
        var baseline = Run("baseline",
            Container("api", Around(21, 0.5, 0.02), Around(22, 100 * MiB, MiB)),
            Container("old-cache", Around(23, 0.1, 0.01), Around(24, 64 * MiB, MiB)));
        var test = Run("test",
            Container("api", Around(25, 0.5, 0.02), Around(26, 100 * MiB, MiB)),
            Container("new-queue", Around(27, 0.2, 0.01), Around(28, 80 * MiB, MiB)));

        var comparison = Comparer().Compare(test, baseline);

        var added = Row(comparison, "new-queue.memory_mib");
        Assert.Equal(Verdict.NoBaseline, added.Verdict);
        Assert.Equal("new container: the baseline run has no container named 'new-queue'", added.Message);
        Assert.Equal(40, added.TestSamples);
        var gone = Row(comparison, "old-cache.memory_mib");
        Assert.Equal(Verdict.Unchanged, gone.Verdict);
        Assert.StartsWith("gone:", gone.Message, StringComparison.Ordinal);
        Assert.InRange(gone.BaselineMedian, 63, 65);
        Assert.Equal(0, gone.TestSamples);
        Assert.Equal(6, comparison.Metrics.Count);
        Assert.Equal(Verdict.Unchanged, comparison.Verdict); // neither a new nor a gone container fails a run
    }

    [Fact]
    public void Compare_NoBaselineRun_EveryContainerIsNoBaseline()
    {
        var test = Run("test", Container("api", Around(29, 0.5, 0.02), Around(30, 100 * MiB, MiB)));

        var comparison = Comparer().Compare(test, baseline: null);

        Assert.All(comparison.Metrics, m => Assert.Equal(Verdict.NoBaseline, m.Verdict));
        Assert.All(comparison.Metrics, m => Assert.Equal("no baseline run", m.Message));
        Assert.Equal(Verdict.NoBaseline, comparison.Verdict);
    }

    [Fact]
    public void Compare_BaselineWithoutResources_SaysTheBaselineReportedNone()
    {
        var baseline = Run("baseline");
        var test = Run("test", Container("api", Around(31, 0.5, 0.02), Around(32, 100 * MiB, MiB)));

        var comparison = Comparer().Compare(test, baseline);

        Assert.All(comparison.Metrics, m => Assert.Equal("the baseline run reported no CPU or memory", m.Message));
    }

    [Fact]
    public void Compare_ResourcesDisabledOrNotGiven_NoResourceRows()
    {
        var baseline = Run("baseline", Container("api", Around(33, 0.5, 0.02), Around(34, 100 * MiB, MiB)));
        var test = Run("test", Container("api", Around(35, 0.5, 0.02), Around(36, 400 * MiB, MiB)));
        var disabled = new ComparisonOptions { Resources = { Enabled = false } };

        var withoutResources = Comparer(disabled).Compare(test, baseline);
        var notGiven = Comparer().Compare(test with { Resources = null }, baseline);
        var noneMeasured = Comparer().Compare(test with { Resources = [] }, baseline);

        Assert.Empty(withoutResources.Metrics);
        Assert.Empty(notGiven.Metrics);
        Assert.Empty(noneMeasured.Metrics); // no probe in the test run: the baseline's containers are not "gone"
    }

    internal static RunComparer Comparer(ComparisonOptions? options = null) =>
        new(Options.Create(options ?? QuietFleet()), new FakeTimeProvider(WindowEnd));

    /// <summary>
    /// One run against one other on a fleet whose runs of one commit differ by 2 %: the default
    /// assumes 3 %, and then no interval of one run a side fits inside a 10 % threshold, so these
    /// tests of the window rule's verdicts say what the fleet measured.
    /// </summary>
    internal static ComparisonOptions QuietFleet() => new() { WindowRunSpreadPercent = 2 };
}
