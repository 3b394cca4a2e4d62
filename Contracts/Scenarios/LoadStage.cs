namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// A stage of a staged load lasting <paramref name="For"/>: a ramp from the previous stage's rate to
/// <paramref name="Rate"/>, or with <see cref="StageShape.Step"/> a jump to <paramref name="Rate"/> held throughout.
/// </summary>
public sealed record LoadStage(double Rate, TimeSpan For, StageShape Shape = StageShape.Ramp);
