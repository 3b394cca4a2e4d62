namespace Grpc.AspNetCore.Server;

/// <summary>Options of one service type; they start from the global GrpcServiceOptions and override them.</summary>
public class GrpcServiceOptions<TService> : GrpcServiceOptions
    where TService : class
{
}
