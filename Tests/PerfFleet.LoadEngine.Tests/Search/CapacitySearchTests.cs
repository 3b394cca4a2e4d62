using PerfFleet.LoadEngine.Search;

namespace PerfFleet.LoadEngine.Tests.Search;

public sealed class CapacitySearchTests
{
    private static readonly double[] Limits = [150, 700, 1_000, 2_500, 3_000, 7_777, 10_000, 19_000];

    public static TheoryData<string, double> Models()
    {
        var data = new TheoryData<string, double>();
        foreach (var kind in new[] { "refusing", "saturating" })
        {
            foreach (var limit in Limits)
            {
                data.Add(kind, limit);
            }
        }

        return data;
    }

    public static TheoryData<double> LimitsData() => [.. Limits];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task RunAsync_TargetThatRefusesOrSaturatesAtAKnownLimit_FindsTheKneeWithin5PercentIn8ProbesOrFewer(string kind, double limit)
    {
        var model = kind == "refusing" ? TargetModel.Refusing(limit) : TargetModel.Saturating(limit);

        var result = await Search(model, from: 100, to: 20_000);

        AssertKneeFound(model, result, maxProbes: 8);
    }

    /// <summary>
    /// Only the p99 shows this knee (no refusal, no falling rate), so no probe says how far above the
    /// knee it was: 8 probes do not always bracket it within 5 % over 100–20,000/s; 12 do.
    /// </summary>
    [Theory]
    [MemberData(nameof(LimitsData))]
    public async Task RunAsync_KneeOnlyInTheLatency_FindsItWithin5PercentIn12ProbesOrFewer(double limit)
    {
        var model = TargetModel.SlowingDown(limit / 0.9);

        // The same upward steps as with the default budget of 8, and 4 more probes to bisect.
        var result = await Search(model, from: 100, to: 20_000, stepFactor: Math.Pow(200, 1.0 / 5), maxSteps: 12);

        AssertKneeFound(model, result, maxProbes: 12);
    }

    private static void AssertKneeFound(TargetModel model, CapacitySearchResult result, int maxProbes)
    {
        var trail = string.Join(", ", result.Probes.Select(p => $"{p.Rate:0}{(p.Passed ? "+" : "-")}"));
        Assert.True(result.Probes.Count <= maxProbes, $"{model}: {result.Probes.Count} probes: {trail}");
        Assert.True(result.Outcome == CapacitySearchOutcome.Bracketed, $"{model}: {result.Outcome}: {trail}");
        Assert.NotNull(result.Knee);
        Assert.InRange(result.Knee.Value, model.TrueLimit * 0.95, model.TrueLimit);
        Assert.Equal(result.Probes.Where(p => p.Passed).Max(p => p.Rate), result.Knee);
    }

    [Fact]
    public async Task RunAsync_FromAlreadyFails_HasNoKneeAndSaysWhy()
    {
        var result = await Search(TargetModel.Refusing(50), from: 100, to: 20_000);

        Assert.Null(result.Knee);
        Assert.Equal(CapacitySearchOutcome.FromFails, result.Outcome);
        Assert.Equal([100, 100], result.Probes.Select(p => p.Rate)); // the first failure is confirmed
        Assert.Equal(100, result.LowestFailing);
        Assert.Contains("even 100/s misses the SLO (error rate 50% > 1%)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ToPasses_ReportsAtLeastTo()
    {
        var result = await Search(TargetModel.Refusing(1_000_000), from: 100, to: 20_000);

        Assert.Equal(20_000, result.Knee);
        Assert.Equal(CapacitySearchOutcome.AtLeastTo, result.Outcome);
        Assert.Null(result.LowestFailing);
        Assert.StartsWith("at least 20000/s", result.Reason, StringComparison.Ordinal);
        Assert.Equal(20_000, result.Probes[^1].Rate);
        Assert.True(result.Probes.Count <= 6, $"{result.Probes.Count} probes to climb 100..20000");
    }

    [Fact]
    public async Task RunAsync_StepFactor2_StepsUpByDoublingFromFrom()
    {
        var result = await Search(TargetModel.Refusing(1_000_000), from: 100, to: 1_000, stepFactor: 2);

        Assert.Equal([100, 200, 400, 800, 1_000], result.Probes.Select(p => p.Rate));
    }

    [Fact]
    public async Task RunAsync_BudgetSpentBeforeTheKneeIsBracketed_ReportsTheHighestPassingRate()
    {
        var result = await Search(TargetModel.SlowingDown(5_000), from: 100, to: 20_000, maxSteps: 4);

        Assert.Equal(4, result.Probes.Count);
        Assert.Equal(CapacitySearchOutcome.StepsRanOut, result.Outcome);
        Assert.Equal(result.Probes.Where(p => p.Passed).Max(p => p.Rate), result.Knee);
        Assert.Contains("probes ran out", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_GeneratorCouldNotKeepUp_CountsTheStepAsFailing()
    {
        // Fast answers and no errors, but only 90 % of each rate above 1,000/s went out.
        var result = await CapacitySearch.RunAsync(
            new CapacitySearchOptions { Slo = TargetModel.Slo, From = 500, To = 4_000 },
            (rate, _) => Task.FromResult(new CapacityMeasurement(1, 0, rate <= 1_000 ? rate : rate * 0.9)),
            CancellationToken.None);

        var failed = result.Probes.First(p => !p.Passed);
        Assert.Contains("achieved", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("< 95% of", failed.Reason, StringComparison.Ordinal);
        Assert.InRange(result.Knee!.Value, 1_000 * 0.95, 1_000);
    }

    [Fact]
    public async Task RunAsync_FirstFailureWasNoise_ConfirmsItAndClimbsOn()
    {
        var model = TargetModel.Refusing(1_000);
        var stalls = 1;
        var result = await CapacitySearch.RunAsync(
            new CapacitySearchOptions { Slo = TargetModel.Slo, From = 100, To = 8_000 },
            (rate, _) => Task.FromResult(rate > 500 && stalls-- > 0 ? new CapacityMeasurement(800, 0, rate * 0.9) : model.Measure(rate)),
            CancellationToken.None);

        Assert.False(result.Probes[2].Passed);
        Assert.True(result.Probes[3].Passed);
        Assert.Equal(result.Probes[2].Rate, result.Probes[3].Rate);
        Assert.Equal(CapacitySearchOutcome.Bracketed, result.Outcome);
        Assert.InRange(result.Knee!.Value, model.TrueLimit * 0.95, model.TrueLimit);
        Assert.True(result.Probes.Count <= 8, $"{result.Probes.Count} probes");
    }

    [Theory]
    [InlineData(0, 100, "From")]
    [InlineData(-5, 100, "From")]
    [InlineData(200, 100, "To")]
    public void Constructor_BadRange_ThrowsNamingTheSetting(double from, double to, string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => new CapacitySearch(new CapacitySearchOptions { Slo = TargetModel.Slo, From = from, To = to }));

        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void Constructor_SloWithNothingToCheck_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new CapacitySearch(new CapacitySearchOptions { Slo = new CapacitySlo(null, null), From = 1, To = 2 }));

        Assert.Equal("Slo", error.ParamName);
    }

    [Fact]
    public void Record_AfterTheEnd_Throws()
    {
        var search = new CapacitySearch(new CapacitySearchOptions { Slo = TargetModel.Slo, From = 100, To = 100 });
        search.Record(new CapacityMeasurement(1, 0, 100));

        Assert.Null(search.NextRate);
        Assert.Throws<InvalidOperationException>(() => search.Record(new CapacityMeasurement(1, 0, 100)));
    }

    private static Task<CapacitySearchResult> Search(TargetModel model, double from, double to, double? stepFactor = null, int maxSteps = 8) =>
        CapacitySearch.RunAsync(
            new CapacitySearchOptions { Slo = TargetModel.Slo, From = from, To = to, StepFactor = stepFactor, MaxSteps = maxSteps },
            (rate, _) => Task.FromResult(model.Measure(rate)),
            CancellationToken.None);
}
