namespace PerfFleet.Cli;

/// <summary>A problem with what the user typed that the parser cannot see (e.g. a flag combination).</summary>
public sealed class CliUsageException(string message) : Exception(message);
