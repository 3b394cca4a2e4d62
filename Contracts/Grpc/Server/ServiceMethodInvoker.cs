using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;

namespace PerfFleet.Contracts.Grpc.Server;

/// <summary>Calls a service method on an instance resolved per call (from DI, or created when not registered),
/// through the configured interceptors.</summary>
internal sealed class ServiceMethodInvoker<TService, TRequest, TResponse>(Method<TRequest, TResponse> method, Delegate serviceMethod, GrpcServiceOptions options)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    public Method<TRequest, TResponse> Method { get; } = method;

    public async Task<TResponse> InvokeUnaryAsync(IServiceProvider services, TRequest request, ServerCallContext context)
    {
        var call = (Func<TService, TRequest, ServerCallContext, Task<TResponse>>)serviceMethod;
        UnaryServerMethod<TRequest, TResponse> handler = (r, c) => WithServiceAsync(services, s => call(s, r, c));
        foreach (var interceptor in CreateInterceptors(services))
        {
            var next = handler;
            handler = (r, c) => interceptor.UnaryServerHandler(r, c, next);
        }

        return await handler(request, context);
    }

    public async Task<TResponse> InvokeClientStreamingAsync(IServiceProvider services, IAsyncStreamReader<TRequest> requests, ServerCallContext context)
    {
        var call = (Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>)serviceMethod;
        ClientStreamingServerMethod<TRequest, TResponse> handler = (r, c) => WithServiceAsync(services, s => call(s, r, c));
        foreach (var interceptor in CreateInterceptors(services))
        {
            var next = handler;
            handler = (r, c) => interceptor.ClientStreamingServerHandler(r, c, next);
        }

        return await handler(requests, context);
    }

    public async Task InvokeServerStreamingAsync(IServiceProvider services, TRequest request, IServerStreamWriter<TResponse> responses, ServerCallContext context)
    {
        var call = (Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>)serviceMethod;
        ServerStreamingServerMethod<TRequest, TResponse> handler = (r, w, c) => WithServiceAsync(services, async s =>
        {
            await call(s, r, w, c);
            return true;
        });
        foreach (var interceptor in CreateInterceptors(services))
        {
            var next = handler;
            handler = (r, w, c) => interceptor.ServerStreamingServerHandler(r, w, c, next);
        }

        await handler(request, responses, context);
    }

    public async Task InvokeDuplexStreamingAsync(IServiceProvider services, IAsyncStreamReader<TRequest> requests, IServerStreamWriter<TResponse> responses, ServerCallContext context)
    {
        var call = (Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>)serviceMethod;
        DuplexStreamingServerMethod<TRequest, TResponse> handler = (r, w, c) => WithServiceAsync(services, async s =>
        {
            await call(s, r, w, c);
            return true;
        });
        foreach (var interceptor in CreateInterceptors(services))
        {
            var next = handler;
            handler = (r, w, c) => interceptor.DuplexStreamingServerHandler(r, w, c, next);
        }

        await handler(requests, responses, context);
    }

    /// <summary>Resolves the service for one call, runs it, and releases what was created for it.</summary>
    private static async Task<T> WithServiceAsync<T>(IServiceProvider services, Func<TService, Task<T>> call)
    {
        var (service, created) = CreateService(services);
        try
        {
            return await call(service);
        }
        finally
        {
            await ReleaseAsync(service, created);
        }
    }

    private static (TService Service, bool Created) CreateService(IServiceProvider services)
    {
        var registered = services.GetService<TService>();
        return registered is not null ? (registered, false) : (ActivatorUtilities.CreateInstance<TService>(services), true);
    }

    private static async ValueTask ReleaseAsync(TService service, bool created)
    {
        // Only instances we created are ours to dispose; DI disposes its own.
        if (!created)
        {
            return;
        }

        if (service is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else if (service is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    /// <summary>Innermost last, so the first registered interceptor runs first.</summary>
    private IEnumerable<Interceptor> CreateInterceptors(IServiceProvider services)
    {
        for (var i = options.Interceptors.Count - 1; i >= 0; i--)
        {
            var registration = options.Interceptors[i];
            yield return registration.Arguments.Count == 0 && services.GetService(registration.Type) is Interceptor registered
                ? registered
                : (Interceptor)ActivatorUtilities.CreateInstance(services, registration.Type, [.. registration.Arguments]);
        }
    }
}
