using Grpc.Core;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Testing.Workers;

/// <summary>
/// <c>perffleet.v1.Worker</c> as the leader calls it, for a <see cref="ScriptedWorker"/>: every
/// Start is accepted (the test decides what the run does), updates and stops are recorded.
/// </summary>
public sealed class ScriptedWorkerService(ScriptedWorkerState state) : PerfFleet.Contracts.V1.Worker.WorkerBase
{
    public override Task<StartResponse> Start(StartRequest request, ServerCallContext context)
    {
        Authorize(context);
        if (request.Test is not { Id.Length: > 0 })
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "test: is required"));
        }

        state.Accept(request);
        return Task.FromResult(new StartResponse { Accepted = true, Free = request.ExpectedFree });
    }

    public override async Task<WorkerUpdateResponse> Update(WorkerUpdateRequest request, ServerCallContext context)
    {
        Authorize(context);
        if (state.OnUpdate is { } onUpdate)
        {
            await onUpdate(request);
        }

        state.Updates.Enqueue(request);
        return new WorkerUpdateResponse();
    }

    public override Task<WorkerStopResponse> Stop(WorkerStopRequest request, ServerCallContext context)
    {
        Authorize(context);
        state.Stops.Enqueue(request);
        return Task.FromResult(new WorkerStopResponse { WasRunning = state.Running().Any(t => t.Start.Test.Id == request.TestId) });
    }

    private void Authorize(ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue("authorization") != "Bearer " + state.FleetToken)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "the fleet token is not valid"));
        }
    }
}
