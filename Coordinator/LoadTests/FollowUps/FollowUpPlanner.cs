using System.Globalization;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests.FollowUps;

/// <summary>
/// The one rule for what happens after a comparison (DESIGN.md "Comparing a run with the
/// baseline", escalation and confirmation):
/// <list type="bullet">
/// <item>an <c>inconclusive</c> paired run gets more pairs, pooled with its earlier ones, up to
/// <see cref="FollowUpOptions.MaxPairs"/>;</item>
/// <item>a pull request's <c>regression</c> gets one fresh, independent confirmation run (as many
/// pairs as the finding had) before the check fails or an alert fires;</item>
/// <item>a confirmation run (with its own more-pairs follow-ups) settles it: only a regression
/// again confirms; anything else means the first finding was not reproduced.</item>
/// </list>
/// A "pool" is a test and its more-pairs follow-ups: their repetitions are judged together.
/// </summary>
public sealed class FollowUpPlanner(IOptions<FollowUpOptions> options)
{
    private readonly FollowUpOptions _options = options.Value;

    /// <param name="test">The test that just completed.</param>
    /// <param name="poolRoot">The first test of its pool (the test itself unless it added pairs).</param>
    /// <param name="comparison">The pool's comparison.</param>
    /// <param name="pooledPairs">Pairs the comparison was made from; 0 for an unpaired run.</param>
    public FollowUpDecision Decide(LoadTestEntity test, LoadTestEntity poolRoot, PerfFleet.Contracts.V1.Comparison comparison, int pooledPairs)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(poolRoot);
        ArgumentNullException.ThrowIfNull(comparison);
        var confirming = poolRoot.FollowUp == TestFollowUp.Confirmation;
        if (comparison.Verdict == Verdict.Inconclusive && pooledPairs > 0 && pooledPairs < _options.MaxPairs)
        {
            var more = Math.Min(_options.MorePairsStep > 0 ? _options.MorePairsStep : Math.Max(1, poolRoot.Pairs ?? pooledPairs), _options.MaxPairs - pooledPairs);
            return new FollowUpDecision(TestFollowUp.MorePairs, poolRoot.Id, more,
                Invariant($"inconclusive after {pooledPairs} pairs: {more} more pairs scheduled"),
                confirming ? ConfirmationState.Pending : ConfirmationState.Unspecified);
        }

        if (confirming)
        {
            return FollowUpDecision.Final(comparison.Verdict == Verdict.Regression ? ConfirmationState.Confirmed : ConfirmationState.NotConfirmed);
        }

        // Only a pull request's (or CLI test run's) regression is confirmed: a baseline's is
        // history, alerted as a step on the default branch.
        if (comparison.Verdict != Verdict.Regression || test.Kind != LoadTestKind.Test)
        {
            return FollowUpDecision.Final(ConfirmationState.Unspecified);
        }

        if (!_options.Confirms(test.Repository))
        {
            return FollowUpDecision.Final(ConfirmationState.Disabled);
        }

        return new FollowUpDecision(TestFollowUp.Confirmation, poolRoot.Id, pooledPairs,
            pooledPairs > 0
                ? Invariant($"regression found in {pooledPairs} pairs: confirming on a fresh run")
                : "regression found: confirming on a fresh run",
            ConfirmationState.Pending);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
