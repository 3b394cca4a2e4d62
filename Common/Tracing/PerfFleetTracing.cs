using System.Diagnostics;

namespace PerfFleet.Common.Tracing;

/// <summary>
/// The one <see cref="ActivitySource"/> PerfFleet's own spans come from: a test's path from the
/// webhook through scheduling, <c>Worker.Start</c>, the worker's run phases and the GitHub report.
/// The gRPC and HTTP instrumentation carry the trace between processes.
/// </summary>
public static class PerfFleetTracing
{
    public const string SourceName = "PerfFleet";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>The test's id on every span about it, so one search finds them all.</summary>
    public const string TestIdTag = "perffleet.test.id";

    public const string AttemptTag = "perffleet.test.attempt";
}
