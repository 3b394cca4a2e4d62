using System.Collections.ObjectModel;
using Grpc.Core.Interceptors;

namespace Grpc.AspNetCore.Server;

public sealed class InterceptorCollection : Collection<InterceptorRegistration>
{
    public void Add<TInterceptor>(params object[] args)
        where TInterceptor : Interceptor => Add(typeof(TInterceptor), args);

    public void Add(Type interceptorType, params object[] args) => Add(new InterceptorRegistration(interceptorType, args));
}
