using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;

namespace PerfFleet.Coordinator.Fleet;

/// <summary>
/// Checks each repetition chunk of a paired run's report as it arrives: a repetition the
/// comparison could not place (no role, no pair) is refused with the field named, before
/// anything is stored.
/// </summary>
public static class ReceivedRepetitions
{
    /// <summary>Two repetitions per pair, for the most pairs one test may ask for (follow-ups report their own).</summary>
    public const int MaxRepetitions = 2 * ScenarioRepeat.MaxPairs;

    public static Repetition Check(Repetition repetition, int received)
    {
        ArgumentNullException.ThrowIfNull(repetition);
        if (received >= MaxRepetitions)
        {
            ApiErrors.ResourceExhausted($"a report may have at most {MaxRepetitions} repetitions");
        }

        if (repetition.Role is not (RepetitionRole.Baseline or RepetitionRole.Test))
        {
            ApiErrors.InvalidArgument("repetition.role", $"repetition {received + 1} must say whether it measured the baseline or the test commit");
        }

        if (repetition.Pair is < 1 or > ScenarioRepeat.MaxPairs)
        {
            ApiErrors.InvalidArgument("repetition.pair", $"repetition {received + 1} has pair {repetition.Pair}; pairs are numbered from 1 to {ScenarioRepeat.MaxPairs}");
        }

        return repetition;
    }
}
