namespace Grpc.Core;

/// <summary>A service's methods and their handlers, as produced by the generated BindService(TServiceBase).</summary>
public class ServerServiceDefinition
{
    private readonly IReadOnlyList<Action<ServiceBinderBase>> addMethodActions;

    internal ServerServiceDefinition(IReadOnlyList<Action<ServiceBinderBase>> addMethodActions) => this.addMethodActions = addMethodActions;

    public static Builder CreateBuilder() => new();

    /// <summary>Hands every method with its handler to a binder.</summary>
    internal void BindService(ServiceBinderBase serviceBinder)
    {
        foreach (var add in addMethodActions)
        {
            add(serviceBinder);
        }
    }

    public class Builder
    {
        private readonly Dictionary<string, Action<ServiceBinderBase>> methods = new(StringComparer.Ordinal);

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, binder => binder.AddMethod(method, handler));

        public ServerServiceDefinition Build() => new([.. methods.Values]);

        private Builder Add(IMethod method, Action<ServiceBinderBase> add)
        {
            ArgumentNullException.ThrowIfNull(method);
            if (!methods.TryAdd(method.FullName, add))
            {
                throw new ArgumentException($"Method {method.FullName} is already added.", nameof(method));
            }

            return this;
        }
    }
}
