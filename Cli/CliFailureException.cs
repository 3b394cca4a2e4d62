namespace PerfFleet.Cli;

/// <summary>A command ran and its answer is a failure with its own exit code (e.g. a bisection that cannot place a step).</summary>
public sealed class CliFailureException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
