using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>Limits on what one request may ask for (<c>PerfFleet:Quotas</c>); past them the API answers RESOURCE_EXHAUSTED naming the limit.</summary>
public sealed class QuotaOptions
{
    public const string Section = "PerfFleet:Quotas";

    /// <summary>Highest request rate a test may ask for, per second. Default 100000.</summary>
    [Range(1, double.MaxValue)]
    public double MaxRate { get; set; } = 100_000;

    /// <summary>Longest measured window a test may ask for. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tests of one repository that may be queued or running at once. Default 20.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrentTestsPerRepository { get; set; } = 20;
}
