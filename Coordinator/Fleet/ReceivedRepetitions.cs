using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.LoadTests;

namespace PerfFleet.Coordinator.Fleet;

/// <summary>
/// Checks each repetition chunk of a paired run's report as it arrives: a repetition the
/// comparison could not place (no role, no pair) is refused with the field named, before
/// anything is stored.
/// </summary>
public static class ReceivedRepetitions
{
    /// <summary>Two repetitions per pair, for the most pairs a test may ask for, plus pooled follow-ups' worth of slack.</summary>
    public const int MaxRepetitions = 2 * LoadTestSpecValidator.MaxPairs;

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

        if (repetition.Pair is < 1 or > LoadTestSpecValidator.MaxPairs)
        {
            ApiErrors.InvalidArgument("repetition.pair", $"repetition {received + 1} has pair {repetition.Pair}; pairs are numbered from 1 to {LoadTestSpecValidator.MaxPairs}");
        }

        return repetition;
    }
}
