namespace PerfFleet.Worker.Source;

/// <summary>A checked-out commit: its directory and the full SHA it resolved to.</summary>
public sealed record SourceCheckout(string Directory, string Commit);
