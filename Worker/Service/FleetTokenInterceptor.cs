using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using PerfFleet.ServiceDefaults.Grpc;
using PerfFleet.Worker.Hosting;

namespace PerfFleet.Worker.Service;

/// <summary>
/// Only fleet members may start, update or stop tests: with a fleet token configured, every call
/// needs <c>authorization: Bearer &lt;fleet token&gt;</c> (UNAUTHENTICATED otherwise); health and reflection need none.
/// </summary>
public sealed class FleetTokenInterceptor(IOptions<FleetTokenOptions> options) : Interceptor
{
    private const string Prefix = "Bearer ";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    private void Authorize(ServerCallContext context)
    {
        if (options.Value.FleetToken is not { Length: > 0 } expected || AnonymousGrpcServices.Contains(context.Method))
        {
            return;
        }

        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "missing 'authorization: Bearer <fleet token>' metadata"));
        }

        // Constant time: the comparison must not tell an attacker how much of the token was right.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Prefix.Length..]), Encoding.UTF8.GetBytes(expected)))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "the fleet token is not valid"));
        }
    }
}
