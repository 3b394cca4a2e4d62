using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Load;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Worker.Service;

/// <summary>One test this worker is running: what heartbeats report, and the handles to stop it or change its rate.</summary>
public sealed class ActiveTest(string testId, int attempt, long epoch, Quota quota, IReadOnlyList<string> reportTo, TimeProvider time) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly DateTimeOffset _started = time.GetUtcNow();
    private readonly Quota _quota = quota.Clone();
    private RunProgress _progress = new(RunPhase.Unspecified, TimeSpan.Zero);

    public string TestId { get; } = testId;

    public int Attempt { get; } = attempt;

    public long Epoch { get; } = epoch;

    /// <summary>Coordinators the Start request named for the results, tried before the configured list.</summary>
    public IReadOnlyList<string> ReportTo { get; } = reportTo;

    public CancellationTokenSource Stop { get; } = new();

    public RateControl Rate { get; } = new();

    /// <summary>Why the test was stopped (empty when it was not).</summary>
    public string StopReason { get; private set; } = string.Empty;

    public Quota Quota
    {
        get
        {
            lock (_lock)
            {
                return _quota.Clone();
            }
        }
    }

    public RunProgress Progress
    {
        get
        {
            lock (_lock)
            {
                return _progress;
            }
        }
    }

    public void SetQuotaRate(double rate)
    {
        lock (_lock)
        {
            _quota.RequestRate = rate;
        }
    }

    public void Report(RunProgress progress)
    {
        lock (_lock)
        {
            // The load engine's reports carry rates; phase-only reports from the pipeline keep the last ones.
            _progress = progress.AchievedRate == 0 && progress.RequestedRate == 0 && progress.Phase == _progress.Phase
                ? _progress with { Elapsed = time.GetUtcNow() - _started }
                : progress with { Elapsed = time.GetUtcNow() - _started };
        }
    }

    /// <summary>Cancels the run (the pipeline tears the stack down); false when it was already stopping.</summary>
    public bool RequestStop(string reason)
    {
        lock (_lock)
        {
            if (Stop.IsCancellationRequested)
            {
                return false;
            }

            StopReason = reason;
        }

        try
        {
            Stop.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            // The run ended (and released its token) between the lookup and the stop: nothing left to stop.
            return false;
        }
    }

    public RunningTest ToProto() => new()
    {
        TestId = TestId,
        Attempt = Attempt,
        Epoch = Epoch,
        Progress = Progress.ToProto(),
        Quota = Quota,
    };

    public void Dispose() => Stop.Dispose();
}
