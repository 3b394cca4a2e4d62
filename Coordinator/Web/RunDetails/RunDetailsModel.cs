using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>Everything the run page shows, decoded from storage before rendering. <see cref="Baseline"/> is the run this one was compared with; <see cref="Problems"/> names stored payloads that could not be decoded (the rest of the page still shows).</summary>
internal sealed record RunDetailsModel(
    LoadTestEntity Test,
    IReadOnlyList<TestStateEventEntity> Timeline,
    LoadSummary? Summary,
    IReadOnlyList<QueryPanel> Queries,
    Contracts.V1.Comparison? Comparison,
    LoadTestEntity? Baseline,
    IReadOnlyList<string> Problems,
    DateTimeOffset Now)
{
    public bool IsMoving => !EnumNames.IsTerminal(Test.Status);
}
