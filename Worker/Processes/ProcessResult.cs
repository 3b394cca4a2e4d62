namespace PerfFleet.Worker.Processes;

/// <summary>How a finished child process ended and what it printed (tails only, bounded).</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last non-empty line of stderr (else stdout): usually the one that says what went wrong.</summary>
    public string LastErrorLine()
    {
        var text = string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError;
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {ExitCode}";
    }
}
