using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests.FollowUps;

/// <summary>
/// What a completed test's comparison leads to: a follow-up to schedule (then the comparison is
/// interim: reported as a comment, not as the final check) or nothing (the verdict is final).
/// <c>Confirmation</c> is the state to record in the comparison.
/// </summary>
public sealed record FollowUpDecision(TestFollowUp? Kind, Guid? Of, int Pairs, string Reason, ConfirmationState Confirmation)
{
    public bool SchedulesFollowUp => Kind is not null;

    public static FollowUpDecision Final(ConfirmationState confirmation) => new(null, null, 0, string.Empty, confirmation);
}
