namespace PerfFleet.Runs.Processes;

/// <summary>How a finished child process ended and what it printed (tails only, bounded).</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// The line that says what went wrong: the first "fatal:"/"error:"/"ERROR:" line of stderr
    /// (git and compose put the cause there and advice after it), else the last line.
    /// </summary>
    public string LastErrorLine()
    {
        var text = string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.FirstOrDefault(l => l.StartsWith("fatal:", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.OrdinalIgnoreCase))
            ?? lines.LastOrDefault()
            ?? $"exit code {ExitCode}";
    }
}
