using Grpc.Core;
using PerfFleet.Contracts.V1;

namespace PerfFleet.SimulatedWorker;

/// <summary><c>perffleet.v1.Worker</c> as the leader sees it; calls need the fleet token.</summary>
public sealed class SimulatedWorkerService(WorkerState state, SimulatedWorkerOptions options) : PerfFleet.Contracts.V1.Worker.WorkerBase
{
    public override Task<StartResponse> Start(StartRequest request, ServerCallContext context)
    {
        Authorize(context);
        if (request.Test is null || request.Test.Id.Length == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "test: is required"));
        }

        return Task.FromResult(state.Start(request, options.Coordinators));
    }

    public override async Task<WorkerUpdateResponse> Update(WorkerUpdateRequest request, ServerCallContext context)
    {
        Authorize(context);
        if (options.UpdateDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.UpdateDelay, context.CancellationToken);
        }

        return new WorkerUpdateResponse { Free = new Quota { ConcurrentTests = state.Capacity - state.Running().Count } };
    }

    public override Task<WorkerStopResponse> Stop(WorkerStopRequest request, ServerCallContext context)
    {
        Authorize(context);
        return Task.FromResult(new WorkerStopResponse { WasRunning = state.Stop(request.TestId, request.Reason.Length > 0 ? request.Reason : "stopped") });
    }

    private void Authorize(ServerCallContext context)
    {
        if (options.FleetToken.Length > 0 && context.RequestHeaders.GetValue("authorization") != "Bearer " + options.FleetToken)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "the fleet token is not valid"));
        }
    }
}
