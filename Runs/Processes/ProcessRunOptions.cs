namespace PerfFleet.Runs.Processes;

/// <summary>Where and with what environment a child process runs, and how long it may take.</summary>
public sealed record ProcessRunOptions(
    string? WorkingDirectory = null,
    IReadOnlyDictionary<string, string>? Environment = null,
    TimeSpan? Timeout = null);
