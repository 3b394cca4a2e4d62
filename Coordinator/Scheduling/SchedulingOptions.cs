using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>The leader's scheduler and worker-liveness settings (configuration section <c>PerfFleet:Scheduling</c>).</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "PerfFleet:Scheduling";

    /// <summary>A worker whose last heartbeat is older than this is lost, in seconds (1-3600). Default 15.</summary>
    [Range(1, 3600)]
    public int LivenessTimeoutSeconds { get; set; } = 15;

    /// <summary>
    /// An Assigned test that no worker reported running within this many seconds goes back to
    /// Scheduled (the Start call was lost, or the leader died in between). 1-3600, default 60.
    /// </summary>
    [Range(1, 3600)]
    public int AssignmentTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// A test assigned less than this many seconds ago is not taken back from a worker whose
    /// heartbeat does not list it yet: the heartbeat may have been composed before the worker took
    /// the Start call. Older ones it does not list are given back at once (1-60, default 3).
    /// </summary>
    [Range(1, 60)]
    public int StartGraceSeconds { get; set; } = 3;

    /// <summary>The scheduler runs at least this often even without NOTIFY, in milliseconds (50-60000). Default 1000.</summary>
    [Range(50, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Default attempts of a new test before a lost worker fails it (1-100). Default 3.</summary>
    [Range(1, 100)]
    public int DefaultMaxAttempts { get; set; } = 3;

    /// <summary>
    /// A worker whose Start call could not be reached (a wrong advertised address, a firewall) is
    /// passed over this many seconds, doubling at each failure in a row up to
    /// <see cref="MaxUnreachableBackoffSeconds"/>, heartbeats or not: its heartbeats show it alive,
    /// and being the emptiest it would otherwise get every test and spend their attempts (1-3600, default 10).
    /// </summary>
    [Range(1, 3600)]
    public int UnreachableBackoffSeconds { get; set; } = 10;

    /// <summary>The longest an unreachable worker is passed over at a time, in seconds (1-86400, default 300).</summary>
    [Range(1, 86_400)]
    public int MaxUnreachableBackoffSeconds { get; set; } = 300;

    public TimeSpan LivenessTimeout => TimeSpan.FromSeconds(LivenessTimeoutSeconds);

    public TimeSpan AssignmentTimeout => TimeSpan.FromSeconds(AssignmentTimeoutSeconds);

    public TimeSpan StartGrace => TimeSpan.FromSeconds(StartGraceSeconds);

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollIntervalMilliseconds);
}
