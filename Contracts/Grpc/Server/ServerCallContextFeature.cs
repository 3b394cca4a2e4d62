using Grpc.AspNetCore.Server;
using Grpc.Core;

namespace PerfFleet.Contracts.Grpc.Server;

internal sealed class ServerCallContextFeature(ServerCallContext context) : IServerCallContextFeature
{
    public ServerCallContext ServerCallContext { get; } = context;
}
