using Microsoft.Extensions.DependencyInjection;

namespace Grpc.AspNetCore.Server;

public interface IGrpcServerBuilder
{
    IServiceCollection Services { get; }
}
