using Microsoft.Extensions.Options;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.LoadTests.FollowUps;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Bench.Verdicts;

/// <summary>
/// What a pull request gets with the shipped defaults, decided by the coordinator's own
/// <see cref="FollowUpPlanner"/>: <c>DefaultPairs</c> pairs; an inconclusive pool gets more pairs
/// up to <c>FollowUps:MaxPairs</c>; a regression is reported only if a fresh, independent run
/// (with its own more-pairs follow-ups) finds it too. Counts the pairs it cost.
/// </summary>
internal static class ShippedFlow
{
    private static readonly FollowUpPlanner Planner = new(Options.Create(new FollowUpOptions()));

    public static (Verdict Verdict, int Pairs) Run(Noise noise, Scenario scenario, int firstPairs)
    {
        var first = new LoadTestEntity { Id = Guid.NewGuid(), Kind = LoadTestKind.Test, Pairs = firstPairs };
        var (comparison, decision, pairs) = Pool(noise, scenario, first, firstPairs);
        if (decision.Kind != TestFollowUp.Confirmation)
        {
            return (comparison.Verdict, pairs);
        }

        var confirmation = new LoadTestEntity { Id = Guid.NewGuid(), Kind = LoadTestKind.Test, Pairs = decision.Pairs, FollowUp = TestFollowUp.Confirmation, FollowUpOf = first.Id };
        var (confirmed, settled, confirmationPairs) = Pool(noise, scenario, confirmation, decision.Pairs);
        var verdict = settled.Confirmation == ConfirmationState.Confirmed ? Verdict.Regression : confirmed.Verdict;
        return (verdict, pairs + confirmationPairs);
    }

    /// <summary>One test and its more-pairs follow-ups, pooled as the coordinator pools them.</summary>
    private static (PerfFleet.Contracts.V1.Comparison Comparison, FollowUpDecision Decision, int Pairs) Pool(Noise noise, Scenario scenario, LoadTestEntity root, int pairs)
    {
        var pooled = Trials.PairedRepetitions(noise, scenario, pairs);
        while (true)
        {
            var total = pooled.Count / 2;
            var (comparison, _) = Trials.ComparePrefix(pooled, scenario, total, PairedIntervalMethod.StudentT);
            var decision = Planner.Decide(root, root, comparison, total);
            if (decision.Kind != TestFollowUp.MorePairs)
            {
                return (comparison, decision, total);
            }

            foreach (var repetition in Trials.PairedRepetitions(noise, scenario, decision.Pairs))
            {
                repetition.Pair += total;
                pooled.Add(repetition);
            }
        }
    }
}
