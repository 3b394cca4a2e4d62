using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace PerfFleet.Worker.Service;

/// <summary>Stop and rate changes of running tests, from Worker.Stop/Update and from heartbeat replies alike.</summary>
public sealed class TestCommands(ActiveTestRegistry registry, ILogger<TestCommands> logger)
{
    /// <summary>Stops the test at whatever phase it is in; false when it is not running (or already stopping): stopping is idempotent.</summary>
    public bool Stop(string testId, string reason)
    {
        if (!registry.TryGet(testId, out var test))
        {
            return false;
        }

        using var scope = ServiceLog.TestScope(logger, test);
        var stopped = test.RequestStop(reason);
        if (stopped)
        {
            ServiceLog.Stopping(logger, test.TestId, test.Attempt, test.Epoch, reason);
        }

        return stopped;
    }

    /// <summary>
    /// Changes a running test's rate within the worker's quota. Throws NOT_FOUND for a test not
    /// running here and RESOURCE_EXHAUSTED when the new rate does not fit.
    /// </summary>
    public void ChangeRate(string testId, double rate, TimeSpan? duration)
    {
        if (!registry.TryGet(testId, out var test))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"test {testId} is not running on this worker"));
        }

        using var scope = ServiceLog.TestScope(logger, test);
        if (!registry.TryChangeRate(test, rate, out var shortfall))
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"rate {rate}/s does not fit this worker's quota: {shortfall}"));
        }

        var applied = test.Rate.Change(rate, duration);
        ServiceLog.RateChanged(logger, test.TestId, test.Attempt, test.Epoch, rate, applied);
    }
}
