using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>
/// Everything the run page shows, decoded from storage before rendering. <see cref="Baseline"/> is
/// the run this one was compared with; <see cref="Reruns"/> the runs started as re-runs of this one;
/// <see cref="RepositoryUrl"/> its GitHub page when it is cloned from GitHub; <see cref="Problems"/>
/// names stored payloads that could not be decoded (the rest of the page still shows);
/// <see cref="FollowUps"/> the runs that settle this one's verdict (more pairs, a confirmation).
/// </summary>
internal sealed record RunDetailsModel(
    LoadTestEntity Test,
    IReadOnlyList<TestStateEventEntity> Timeline,
    LoadSummary? Summary,
    IReadOnlyList<QueryPanel> Queries,
    ResourceUsage Resources,
    Contracts.V1.Comparison? Comparison,
    LoadTestEntity? Baseline,
    IReadOnlyList<RelatedRun> Reruns,
    string? RepositoryUrl,
    IReadOnlyList<string> Problems,
    DateTimeOffset Now,
    IReadOnlyList<RelatedRun> FollowUps)
{

    public bool IsMoving => !TestStateMachine.IsTerminal(Test.Status);

    /// <summary>The comparison judged resource metrics itself (then the resource section says so instead of "for reading only").</summary>
    public bool ResourcesJudged => Comparison?.Metrics.Any(m => m.Source == MetricSpec.ResourceSource) ?? false;
}
