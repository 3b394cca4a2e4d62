namespace PerfFleet.Worker.Pipeline;

/// <summary>What the test (LoadTestSpec or a later Update) overrides of the scenario's load; null = as in the file.</summary>
public sealed record LoadOverrides(double? Rate, TimeSpan? Duration, string? Tag)
{
    public static readonly LoadOverrides None = new(null, null, null);
}
