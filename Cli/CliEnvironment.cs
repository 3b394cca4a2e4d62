namespace PerfFleet.Cli;

/// <summary>
/// What a command may touch outside its arguments: output streams, environment variables and
/// the clock. Passed in (not read from Console/Environment) so tests run the real entry point
/// in-process, side by side.
/// </summary>
public sealed record CliEnvironment(
    TextWriter Stdout,
    TextWriter Stderr,
    Func<string, string?> GetEnvironmentVariable,
    TimeProvider Time,
    bool InteractiveTerminal)
{
    public static CliEnvironment ForProcess() => new(
        Console.Out,
        Console.Error,
        Environment.GetEnvironmentVariable,
        TimeProvider.System,
        !Console.IsOutputRedirected);
}
