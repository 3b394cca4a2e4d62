using PerfFleet.LoadEngine.Histograms;

namespace PerfFleet.LoadEngine.Reporting;

/// <summary>
/// The statistics of one slice of the measured window (the whole run, one target, or one endpoint).
/// Maps onto the protobuf <c>LoadStats</c> (see <see cref="LoadSummaryMapper"/>).
/// </summary>
public sealed record LoadStatsSummary
{
    /// <summary>Requests sent (answered or failed) whose intended time fell in the measured window.</summary>
    public long Requests { get; init; }

    /// <summary>Requests answered with any status.</summary>
    public long Responses { get; init; }

    /// <summary>Transport errors, timeouts, 5xx answers and non-OK gRPC statuses.</summary>
    public long Errors { get; init; }

    /// <summary>Sent later than the plan's late tolerance after their intended time (their latency includes the delay).</summary>
    public long Late { get; init; }

    /// <summary>Due in the window but never sent (the run ended or was stopped with them still waiting for a free connection).</summary>
    public long Dropped { get; init; }

    public long BytesSent { get; init; }

    public long BytesReceived { get; init; }

    public required IReadOnlyDictionary<int, long> StatusCodes { get; init; }

    public required IReadOnlyDictionary<string, long> ErrorsByKind { get; init; }

    /// <summary>From the intended send time to the answer (coordinated-omission-correct, as wrk2 reports).</summary>
    public required LatencyHistogram LatencyIntended { get; init; }

    /// <summary>From the actual send to the answer (what a closed-loop tool reports).</summary>
    public required LatencyHistogram LatencyService { get; init; }

    /// <summary>
    /// The generator's own lateness (open model; empty in a closed loop): from when a request could
    /// go out (its intended time, or when a lane came free for one already overdue) to when it did.
    /// What the system under test delays (every lane busy) is in <see cref="LatencyIntended"/>, not here.
    /// </summary>
    public required LatencyHistogram GeneratorLateness { get; init; }

    /// <summary>Requests whose <see cref="GeneratorLateness"/> exceeded the plan's late tolerance.</summary>
    public long GeneratorLate { get; init; }

    /// <summary>Requests sent per second of the measured window.</summary>
    public double AchievedRate { get; init; }
}
