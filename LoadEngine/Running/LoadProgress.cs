namespace PerfFleet.LoadEngine.Running;

public enum LoadPhase
{
    Warmup,
    Measuring,
    Finished,
}

/// <summary>A progress report, about once a second (what a worker's heartbeat carries).</summary>
/// <param name="Phase">Warm-up, measuring, or finished (the last report).</param>
/// <param name="Elapsed">Time since the run started, warm-up included.</param>
/// <param name="Requests">Requests sent in the measured window so far, all targets.</param>
/// <param name="Errors">Failed requests in the measured window so far, all targets.</param>
/// <param name="RecentRate">Requests sent per second since the previous report, all targets.</param>
/// <param name="RequestedRate">The timetable's rate now (per target); 0 for a closed-loop run.</param>
public sealed record LoadProgress(LoadPhase Phase, TimeSpan Elapsed, long Requests, long Errors, double RecentRate, double RequestedRate);
