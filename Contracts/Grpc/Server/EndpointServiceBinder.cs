using System.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace PerfFleet.Contracts.Grpc.Server;

/// <summary>Receives the methods of a service from its generated BindService(binder, null) and maps each one
/// to a POST endpoint at "/package.Service/Method". The handler delegate is ignored: the method is called on a
/// per-call instance through an open delegate found by name on TService.</summary>
internal sealed class EndpointServiceBinder<TService>(
    IEndpointRouteBuilder endpoints,
    GrpcServiceOptions options,
    TimeProvider timeProvider,
    ILogger logger) : ServiceBinderBase
    where TService : class
{
    public List<IEndpointConventionBuilder> EndpointBuilders { get; } = [];

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        Map(method, [typeof(TRequest), typeof(ServerCallContext)], typeof(Func<TService, TRequest, ServerCallContext, Task<TResponse>>));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        Map(method, [typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)], typeof(Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        Map(method, [typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)], typeof(Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        Map(method, [typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)], typeof(Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>));

    private void Map<TRequest, TResponse>(Method<TRequest, TResponse> method, Type[] parameterTypes, Type delegateType)
        where TRequest : class
        where TResponse : class
    {
        var methodInfo = typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameterTypes)
            ?? throw new InvalidOperationException($"Could not find method {method.Name} on {typeof(TService)} for gRPC method {method.FullName}.");
        var serviceMethod = Delegate.CreateDelegate(delegateType, methodInfo);
        var invoker = new ServiceMethodInvoker<TService, TRequest, TResponse>(method, serviceMethod, options);
        var handler = new ServerCallHandler<TService, TRequest, TResponse>(invoker, options, timeProvider, logger);
        var builder = endpoints.MapPost(method.FullName, handler.HandleCallAsync)
            .WithDisplayName($"gRPC - {method.FullName}")
            .WithMetadata(method);
        EndpointBuilders.Add(builder);
    }
}
