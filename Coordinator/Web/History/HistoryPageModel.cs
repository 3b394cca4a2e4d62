using PerfFleet.Coordinator.Web.Charts;

namespace PerfFleet.Coordinator.Web.History;

/// <summary>The history page: either choices to narrow down, or one chart per query of one (repository, scenario), baseline values as a line and test runs as dots.</summary>
internal sealed record HistoryPageModel(
    string? Repository,
    string? Scenario,
    IReadOnlyList<HistoryChoice> Choices,
    IReadOnlyList<LineChart> Charts,
    int RunCount);
