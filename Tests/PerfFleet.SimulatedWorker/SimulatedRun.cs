using PerfFleet.Contracts.V1;

namespace PerfFleet.SimulatedWorker;

/// <summary>One accepted test on a simulated worker, until its results are reported.</summary>
public sealed class SimulatedRun(LoadTest test, long epoch, IReadOnlyList<string> coordinators, DateTimeOffset startedAt) : IDisposable
{
    private readonly CancellationTokenSource stop = new();

    public LoadTest Test { get; } = test;

    public long Epoch { get; } = epoch;

    /// <summary>Where the assigning leader said to report, tried before the configured list.</summary>
    public IReadOnlyList<string> Coordinators { get; } = coordinators;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public string? StopReason { get; private set; }

    public CancellationToken Stopped => stop.Token;

    public bool Reporting { get; set; }

    public void RequestStop(string reason)
    {
        StopReason ??= reason;
        stop.Cancel();
    }

    public void Dispose() => stop.Dispose();
}
