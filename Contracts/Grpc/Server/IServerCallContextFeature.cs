using Grpc.Core;

namespace Grpc.AspNetCore.Server;

/// <summary>The gRPC call of an HttpContext, for middleware that needs it (as in Grpc.AspNetCore).</summary>
public interface IServerCallContextFeature
{
    ServerCallContext ServerCallContext { get; }
}
