using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.LoadTests.FollowUps;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Tests.LoadTests;

public sealed class FollowUpPlannerTests
{
    private static readonly FollowUpPlanner Planner = new(Options.Create(new FollowUpOptions { MaxPairs = 15 }));

    [Fact]
    public void Defaults_EscalateToTheTwentyPairsTheVerdictBenchmarkNeeds() => Assert.Equal(20, new FollowUpOptions().MaxPairs);

    [Fact]
    public void Inconclusive_BelowTheMaximum_AsManyPairsAgainPooledOnTheRoot()
    {
        var test = Test(pairs: 5);

        var decision = Planner.Decide(test, test, Compared(Verdict.Inconclusive), pooledPairs: 5);

        Assert.Equal((TestFollowUp.MorePairs, test.Id, 5), (decision.Kind, decision.Of, decision.Pairs));
        Assert.Contains("inconclusive after 5 pairs", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Inconclusive_NearTheMaximum_OnlyUpToIt_AndAtItTheVerdictIsFinal()
    {
        var root = Test(pairs: 5);
        var second = Test(pairs: 5, followUp: TestFollowUp.MorePairs, of: root.Id);

        Assert.Equal(5, Planner.Decide(second, root, Compared(Verdict.Inconclusive), pooledPairs: 10).Pairs);
        Assert.False(Planner.Decide(second, root, Compared(Verdict.Inconclusive), pooledPairs: 15).SchedulesFollowUp);
        Assert.Equal(2, new FollowUpPlanner(Options.Create(new FollowUpOptions { MaxPairs = 12 })).Decide(second, root, Compared(Verdict.Inconclusive), 10).Pairs);
    }

    [Fact]
    public void Regression_OfATestRun_Confirmed_ButNotABaselineOrWhenTurnedOff()
    {
        var test = Test(pairs: 5);
        var decision = Planner.Decide(test, test, Compared(Verdict.Regression), pooledPairs: 5);
        Assert.Equal((TestFollowUp.Confirmation, ConfirmationState.Pending, 5), (decision.Kind, decision.Confirmation, decision.Pairs));

        var baseline = Test(pairs: null, kind: LoadTestKind.Baseline);
        Assert.False(Planner.Decide(baseline, baseline, Compared(Verdict.Regression), 0).SchedulesFollowUp);

        var off = new FollowUpOptions();
        off.RepositoriesWithoutConfirmation.Add("Octo/App");
        var unconfirmed = new FollowUpPlanner(Options.Create(off)).Decide(test, test, Compared(Verdict.Regression), 5);
        Assert.Equal((false, ConfirmationState.Disabled), (unconfirmed.SchedulesFollowUp, unconfirmed.Confirmation));
    }

    [Fact]
    public void ConfirmationRun_SettlesTheFinding_AndMayItselfAddPairs()
    {
        var confirmation = Test(pairs: 5, followUp: TestFollowUp.Confirmation, of: Guid.NewGuid());

        Assert.Equal(ConfirmationState.Confirmed, Planner.Decide(confirmation, confirmation, Compared(Verdict.Regression), 5).Confirmation);
        Assert.Equal(ConfirmationState.NotConfirmed, Planner.Decide(confirmation, confirmation, Compared(Verdict.Unchanged), 5).Confirmation);
        var more = Planner.Decide(confirmation, confirmation, Compared(Verdict.Inconclusive), 5);
        Assert.Equal((TestFollowUp.MorePairs, confirmation.Id, ConfirmationState.Pending), (more.Kind, more.Of, more.Confirmation));
        Assert.Equal(ConfirmationState.NotConfirmed, Planner.Decide(confirmation, confirmation, Compared(Verdict.Inconclusive), 15).Confirmation);
    }

    [Fact]
    public void UnpairedInconclusive_NothingToAdd_Final()
    {
        var test = Test(pairs: null);

        Assert.False(Planner.Decide(test, test, Compared(Verdict.Inconclusive), pooledPairs: 0).SchedulesFollowUp);
    }

    private static LoadTestEntity Test(int? pairs, TestFollowUp? followUp = null, Guid? of = null, LoadTestKind kind = LoadTestKind.Test) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        Repository = "octo/app",
        Commit = "abc1234",
        Pairs = pairs,
        FollowUp = followUp,
        FollowUpOf = of,
    };

    private static PerfFleet.Contracts.V1.Comparison Compared(Verdict verdict) => new() { Verdict = verdict };
}
