using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Reporting;

/// <summary>
/// One stage of a staged run: the stage as planned (its target rate and shape), where it starts in
/// the measured window, how much of it ran, the mean rate its timetable asked for over that part,
/// and the statistics of the requests whose intended time fell in it.
/// </summary>
public sealed record LoadStageResult(int Index, double Rate, StageShape Shape, TimeSpan Start, TimeSpan Ran, double RequestedRate, LoadStatsSummary Stats);
