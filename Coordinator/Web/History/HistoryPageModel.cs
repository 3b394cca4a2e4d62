namespace PerfFleet.Coordinator.Web.History;

/// <summary>
/// The history page: either choices to narrow down, or one chart per query of one (repository,
/// scenario), baseline values as a line, test runs as dots, steps marked; and the pinned baseline.
/// </summary>
internal sealed record HistoryPageModel(
    string? Repository,
    string? Scenario,
    IReadOnlyList<HistoryChoice> Choices,
    IReadOnlyList<HistoryChart> Charts,
    int RunCount,
    HistoryPin? Pinned = null,
    IReadOnlyList<HistoryBaseline>? Baselines = null);
