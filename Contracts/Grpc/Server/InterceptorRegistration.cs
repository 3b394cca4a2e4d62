using Grpc.Core.Interceptors;

namespace Grpc.AspNetCore.Server;

/// <summary>An interceptor type and its extra constructor arguments; the instance comes from DI when registered there.</summary>
public sealed class InterceptorRegistration
{
    internal InterceptorRegistration(Type type, object[] arguments)
    {
        if (!typeof(Interceptor).IsAssignableFrom(type))
        {
            throw new ArgumentException($"Type {type} is not an interceptor: it must derive from {typeof(Interceptor)}.", nameof(type));
        }

        Type = type;
        Arguments = arguments;
    }

    public Type Type { get; }

    public IReadOnlyList<object> Arguments { get; }
}
