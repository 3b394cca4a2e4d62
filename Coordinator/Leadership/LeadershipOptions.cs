using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Coordinator.Leadership;

/// <summary>How this coordinator competes for leadership (configuration section <c>PerfFleet:Leadership</c>).</summary>
public sealed class LeadershipOptions : IValidatableObject
{
    public const string SectionName = "PerfFleet:Leadership";

    /// <summary>
    /// The address other parts use to reach this coordinator's gRPC endpoint when it leads
    /// (recorded in the leadership row, shown to workers and the CLI). Default: http://{machine name}:5081.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string Address { get; set; } = $"http://{Environment.MachineName}:5081";

    /// <summary>
    /// The key of the PostgreSQL advisory lock whose holder leads. All coordinators of one cluster
    /// must agree on it. Default 0x50657266466C6565 ("PerfFlee").
    /// </summary>
    public long LockKey { get; set; } = 0x50657266466C6565;

    /// <summary>How often the leader checks its lock session, in milliseconds (50-10000). Default 500.</summary>
    [Range(50, 10_000)]
    public int CheckIntervalMilliseconds { get; set; } = 500;

    /// <summary>How often a follower tries to take the lock, in milliseconds (50-60000). Default 1000.</summary>
    [Range(50, 60_000)]
    public int RetryIntervalMilliseconds { get; set; } = 1000;

    /// <summary>The longest wait between attempts after repeated database errors, in milliseconds. Default 5000.</summary>
    [Range(100, 300_000)]
    public int MaxRetryBackoffMilliseconds { get; set; } = 5000;

    /// <summary>
    /// How long the leader's lease lasts without a renewal, in milliseconds (500-60000, at least
    /// twice <see cref="CheckIntervalMilliseconds"/>). Default 2000. The leader renews it at every
    /// check; a follower that finds it older than this by the database's clock ends the leader's
    /// lock session, so a frozen leader (SIGSTOP, a long GC pause, a VM freeze) is replaced.
    /// </summary>
    [Range(500, 60_000)]
    public int LeaseMilliseconds { get; set; } = 2000;

    public TimeSpan Lease => TimeSpan.FromMilliseconds(LeaseMilliseconds);

    public TimeSpan CheckInterval => TimeSpan.FromMilliseconds(CheckIntervalMilliseconds);

    public TimeSpan RetryInterval => TimeSpan.FromMilliseconds(RetryIntervalMilliseconds);

    public TimeSpan MaxRetryBackoff => TimeSpan.FromMilliseconds(MaxRetryBackoffMilliseconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A lease no longer than two renewals would be taken from a leader that is merely slow once.
        if (LeaseMilliseconds < 2 * CheckIntervalMilliseconds)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(LeaseMilliseconds)} ({LeaseMilliseconds}) must be at least twice {SectionName}:{nameof(CheckIntervalMilliseconds)} ({CheckIntervalMilliseconds}): the leader renews its lease at every check.",
                [nameof(LeaseMilliseconds)]);
        }
    }
}
