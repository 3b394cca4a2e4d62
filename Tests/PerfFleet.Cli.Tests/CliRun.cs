namespace PerfFleet.Cli.Tests;

/// <summary>Runs the real entry point in-process and captures what it wrote.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, stdout, stderr);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    public static async Task<CliRun> RunAsync(CliEnvironment environment, params string[] args)
    {
        var exitCode = await CliApplication.RunAsync(args, environment);
        return new CliRun(exitCode, environment.Stdout.ToString()!, environment.Stderr.ToString()!);
    }

    /// <summary>Stderr of a known error is exactly one line, without a stack trace.</summary>
    public string OneErrorLine()
    {
        var lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", Stderr, StringComparison.Ordinal);
        return lines[0];
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
