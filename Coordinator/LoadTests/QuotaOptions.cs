using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// Limits on what one request may ask for and on what one repository may hold at once
/// (<c>PerfFleet:Quotas</c>); past them the API answers RESOURCE_EXHAUSTED naming the limit, and
/// the scheduler keeps a repository's further tests queued. <see cref="Repositories"/> replaces
/// any of them for one repository; <see cref="RepositoryQuotas"/> says which applies.
/// </summary>
public sealed class QuotaOptions
{
    public const string Section = "PerfFleet:Quotas";

    /// <summary>Highest request rate a test may ask for, per second. Default 100000.</summary>
    [Range(1, double.MaxValue)]
    public double MaxRate { get; set; } = 100_000;

    /// <summary>Longest measured window a test may ask for. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tests of one repository that may be queued or running at once; one more is refused. Default 20.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrentTestsPerRepository { get; set; } = 20;

    /// <summary>
    /// Tests of one repository that workers may run at once; the rest wait in the queue (they are
    /// not refused), so one repository's burst cannot take the whole fleet. Default none.
    /// </summary>
    [Range(1, 100_000)]
    public int? MaxRunningTestsPerRepository { get; set; }

    /// <summary>
    /// Requests per second one repository's running tests may send together; a test that would
    /// take it past waits in the queue. Default none.
    /// </summary>
    [Range(1, double.MaxValue)]
    public double? MaxTotalRatePerRepository { get; set; }

    /// <summary>Limits of named repositories, each replacing the global value it sets (higher or lower).</summary>
    public List<RepositoryQuotaOptions> Repositories { get; set; } = [];
}

/// <summary>One entry of <c>PerfFleet:Quotas:Repositories</c> (a list: <c>PerfFleet:Quotas:Repositories:0:Name</c>, ...); unset values keep the global ones.</summary>
public sealed class RepositoryQuotaOptions
{
    /// <summary>owner/name as GitHub spells it (compared without case).</summary>
    public string Name { get; set; } = string.Empty;

    public double? MaxRate { get; set; }

    public TimeSpan? MaxDuration { get; set; }

    public int? MaxConcurrentTests { get; set; }

    public int? MaxRunningTests { get; set; }

    public double? MaxTotalRate { get; set; }
}
