using PerfFleet.Comparison.ChangePoints;

namespace PerfFleet.Coordinator.Tests.Comparison.ChangePoints;

/// <summary>The alert rule, replayed one baseline at a time as runs arrive.</summary>
public sealed class NewStepsTests
{
    private static readonly ChangePointOptions Options = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Find_HistoryGrowingPastAStep_AlertsItOnceAtTheRightRun(int seed)
    {
        var values = ChangePointDetectorTests.Noisy(50, 0.015, seed, i => i < 22 ? 100 : 110);

        var alerts = Replay(values);

        var (at, step) = Assert.Single(alerts);
        Assert.Equal(22, step.FirstAfterIndex);
        Assert.Equal(22 + Options.MinSegment + Options.AlertSettle, at);
    }

    [Fact]
    public void Find_FlatHistory_NeverAlerts()
    {
        Assert.Empty(Replay(ChangePointDetectorTests.Noisy(120, 0.03, seed: 11, _ => 100)));
    }

    [Fact]
    public void Find_TwoSteps_AlertsEachOnce()
    {
        var values = ChangePointDetectorTests.Noisy(60, 0.01, seed: 5, i => i < 20 ? 100 : i < 40 ? 120 : 100);

        var alerts = Replay(values);

        Assert.Equal([20, 40], alerts.Select(a => a.Step.FirstAfterIndex));
    }

    [Fact]
    public void Find_NegativeSettleOrLookBack_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewSteps.Find([1, 2], ChangePointRules.Default, -1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewSteps.Find([1, 2], ChangePointRules.Default, 1, -1));
    }

    /// <summary>Each history length from the first that can hold a step: the alerts it sends, with the count of runs when sent.</summary>
    private static List<(int At, ChangePoint Step)> Replay(List<double> values)
    {
        var alerts = new List<(int, ChangePoint)>();
        for (var n = 1; n <= values.Count; n++)
        {
            alerts.AddRange(NewSteps.Find(values[..n], Options.Rules, Options.AlertSettle, Options.AlertLookBack).Select(s => (n, s)));
        }

        return alerts;
    }
}
