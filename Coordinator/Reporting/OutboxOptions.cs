using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>Options under <c>PerfFleet:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "PerfFleet:Outbox";

    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>About two days at the maximum delay: a GitHub outage of a day loses nothing.</summary>
    [Range(1, 100_000)]
    public int MaxAttempts { get; set; } = 200;
}
