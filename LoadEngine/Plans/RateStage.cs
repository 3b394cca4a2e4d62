using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Plans;

/// <summary>
/// One stage of a staged plan. A <see cref="StageShape.Ramp"/> moves the arrival rate linearly from
/// the previous stage's rate to <see cref="Rate"/> over <see cref="For"/> (as k6's
/// ramping-arrival-rate does); the first stage holds its rate. A <see cref="StageShape.Step"/>
/// jumps to <see cref="Rate"/> at the stage's start and holds it for the whole stage.
/// </summary>
public sealed record RateStage(double Rate, TimeSpan For, StageShape Shape = StageShape.Ramp);
