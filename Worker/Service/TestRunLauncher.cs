using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Load;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Worker.Hosting;

namespace PerfFleet.Worker.Service;

/// <summary>
/// Runs accepted tests in the background with the run pipeline and frees their quota when they end.
/// At shutdown it stops every run and waits for the pipelines to tear their stacks down.
/// </summary>
public sealed class TestRunLauncher(RunPipeline pipeline, ActiveTestRegistry registry, WorkerMetrics metrics, ILogger<TestRunLauncher> logger) : IHostedService
{
    private readonly ConcurrentDictionary<ActiveTest, Task> _runs = new();

    public void Launch(ActiveTest test, LoadTestSpec spec, TestLimits? limits = null)
    {
        // Task.Run: the caller (a gRPC handler) must not carry its request's context or cancellation into the run.
        // The gate keeps a run that ends at once from removing itself before it was added.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _runs[test] = Task.Run(async () =>
        {
            await gate.Task;
            await RunAsync(test, spec, limits);
        });
        gate.SetResult();
    }

    /// <summary>Completes when the run of <paramref name="test"/> has ended (reported and torn down).</summary>
    public Task WhenEnded(ActiveTest test) => _runs.TryGetValue(test, out var run) ? run : Task.CompletedTask;

    private async Task RunAsync(ActiveTest test, LoadTestSpec spec, TestLimits? limits)
    {
        using var scope = ServiceLog.TestScope(logger, test);
        CurrentRate.Value = test.Rate;
        metrics.TestStarted();
        try
        {
            ServiceLog.RunStarting(logger, test.TestId, test.Attempt, test.Epoch);
            var progress = new ActiveTestProgress(test);
            var result = await pipeline.RunAsync(new RunRequest(test.TestId, test.Attempt, spec) { Limits = limits }, progress, test.Stop.Token);
            ServiceLog.RunEnded(logger, test.TestId, test.Attempt, result.Status, result.Reason);
        }
        catch (Exception ex)
        {
            // RunPipeline reports every outcome itself; reaching here means reporting failed, and the
            // worker must still free the quota and keep serving.
            ServiceLog.RunCrashed(logger, ex, test.TestId, test.Attempt);
        }
        finally
        {
            registry.Remove(test);
            metrics.TestEnded();
            _runs.TryRemove(test, out _);
            test.Dispose();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var test in _runs.Keys)
        {
            test.RequestStop("the worker is shutting down");
        }

        await Task.WhenAll(_runs.Values).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private sealed class ActiveTestProgress(ActiveTest test) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => test.Report(value);
    }
}
