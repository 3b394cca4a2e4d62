using System.Collections.Concurrent;
using Grpc.Core;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Worker.Tests.Host;

/// <summary>What the fake coordinator received, and the answers the test chose for it.</summary>
public sealed class FakeFleetState
{
    public ConcurrentQueue<HeartbeatRequest> Heartbeats { get; } = new();

    /// <summary>Every completed ReportResults stream, as its chunks.</summary>
    public ConcurrentQueue<IReadOnlyList<ResultChunk>> Reports { get; } = new();

    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public ConcurrentQueue<StopCommand> PendingStops { get; } = new();

    public long Epoch { get; set; } = 1;

    /// <summary>When set, ReportResults answers with this status instead of storing.</summary>
    public StatusCode? ReportFailure { get; set; }

    private int _reportCalls;

    public int ReportCalls => Volatile.Read(ref _reportCalls);

    public void CountReportCall() => Interlocked.Increment(ref _reportCalls);

    public HeartbeatRequest? LastHeartbeat => Heartbeats.LastOrDefault();

    /// <summary>The results' final chunk for a test, once reported.</summary>
    public ResultFinal? FinalOf(string testId) =>
        Reports.Where(r => r.Count > 0 && r[0].Header?.TestId == testId).Select(r => r[^1].Final).LastOrDefault();

    public IReadOnlyList<ResultChunk>? ReportOf(string testId) =>
        Reports.LastOrDefault(r => r.Count > 0 && r[0].Header?.TestId == testId);
}
