namespace PerfFleet.Testing.Interop;

/// <summary>One check an interop script reported.</summary>
public sealed record NodeCheckResult(bool Ok, string Detail);
