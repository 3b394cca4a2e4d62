namespace PerfFleet.LoadEngine.Plans;

/// <summary>
/// One stage of a ramping plan: the arrival rate moves linearly from the previous stage's rate to
/// <see cref="Rate"/> over <see cref="For"/> (as k6's ramping-arrival-rate does); the first stage
/// holds its rate. Two stages with the same rate give a step.
/// </summary>
public sealed record RateStage(double Rate, TimeSpan For);
