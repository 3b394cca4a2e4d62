namespace PerfFleet.Contracts.Scenarios;

/// <summary>A step of a staged load: hold <paramref name="Rate"/> requests per second for <paramref name="For"/>.</summary>
public sealed record LoadStage(double Rate, TimeSpan For);
