using Grpc.Core;
using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Worker.Service;

/// <summary>
/// <c>perffleet.v1.Worker</c>, called by the leader: Start (epoch fencing, Shadower's quota
/// cases), Update (a running test's rate within quota) and Stop (at any phase, idempotent).
/// </summary>
public sealed class WorkerService(
    ActiveTestRegistry registry,
    EpochTracker epochs,
    TestRunLauncher launcher,
    TestCommands commands,
    ILogger<WorkerService> logger) : PerfFleet.Contracts.V1.Worker.WorkerBase
{
    public override Task<StartResponse> Start(StartRequest request, ServerCallContext context)
    {
        var test = request.Test;
        if (test is null || string.IsNullOrWhiteSpace(test.Id))
        {
            throw Invalid("test.id", "is required");
        }

        if (test.Spec is null)
        {
            throw Invalid("test.spec", "is required");
        }

        if (request.Required is { } required && (required.RequestRate < 0 || required.Cores < 0 || required.ConcurrentTests < 0))
        {
            throw Invalid("required", "must not be negative");
        }

        if (!epochs.Observe(request.Epoch))
        {
            ServiceLog.Refused(logger, test.Id, test.Attempts, request.Epoch, "stale epoch");
            throw StaleEpoch.Refusal(request.Epoch, epochs.Highest, "the assignment comes from a former leader");
        }

        var decision = registry.TryAdd(test.Id, test.Attempts, request.Epoch, request.ExpectedFree ?? new Quota(), request.Required ?? new Quota(), [.. request.Coordinators]);
        if (decision.Refusal is { } refusal)
        {
            ServiceLog.Refused(logger, test.Id, test.Attempts, request.Epoch, refusal);
            var code = decision.QuotaExhausted ? StatusCode.ResourceExhausted : StatusCode.FailedPrecondition;
            throw new RpcException(new Status(code, refusal));
        }

        if (!decision.AlreadyRunning)
        {
            ServiceLog.Accepted(logger, test.Id, test.Attempts, request.Epoch, decision.QuotaChanged);
            launcher.Launch(decision.Test!, test.Spec, request.Limits);
        }

        return Task.FromResult(new StartResponse { Accepted = true, Free = decision.Free, QuotaChanged = decision.QuotaChanged });
    }

    public override Task<WorkerUpdateResponse> Update(WorkerUpdateRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.TestId))
        {
            throw Invalid("test_id", "is required");
        }

        if (!double.IsFinite(request.Rate) || request.Rate <= 0)
        {
            throw Invalid("rate", "must be more than 0 requests per second");
        }

        if (request.Epoch > 0 && !epochs.Observe(request.Epoch))
        {
            throw StaleEpoch.Refusal(request.Epoch, epochs.Highest, "the update comes from a former leader");
        }

        var duration = request.Duration?.ToTimeSpan();
        commands.ChangeRate(request.TestId, request.Rate, duration is { } d && d > TimeSpan.Zero ? d : null);
        return Task.FromResult(new WorkerUpdateResponse { Free = registry.Free() });
    }

    public override Task<WorkerStopResponse> Stop(WorkerStopRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.TestId))
        {
            throw Invalid("test_id", "is required");
        }

        var reason = string.IsNullOrWhiteSpace(request.Reason) ? "stopped by the coordinator" : request.Reason;
        return Task.FromResult(new WorkerStopResponse { WasRunning = commands.Stop(request.TestId, reason) });
    }

    private static RpcException Invalid(string field, string problem) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"));
}
