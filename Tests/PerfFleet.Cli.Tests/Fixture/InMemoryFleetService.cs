using Grpc.Core;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Fixture;

public sealed class InMemoryFleetService(CoordinatorState state, BearerTokens tokens) : Fleet.FleetBase
{
    public override Task<ListWorkersResponse> ListWorkers(ListWorkersRequest request, ServerCallContext context)
    {
        tokens.RequireRead(context);
        var response = state.Workers.Clone();
        if (!request.IncludeStale)
        {
            var alive = response.Workers.Where(w => w.Alive).ToList();
            response.Workers.Clear();
            response.Workers.Add(alive);
        }

        return Task.FromResult(response);
    }
}
