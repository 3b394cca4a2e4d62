namespace Grpc.Core;

public abstract class ClientBase<T> : ClientBase
    where T : ClientBase<T>
{
    protected ClientBase()
    {
    }

    protected ClientBase(ChannelBase channel)
        : base(channel)
    {
    }

    protected ClientBase(CallInvoker callInvoker)
        : base(callInvoker)
    {
    }

    protected ClientBase(ClientBaseConfiguration configuration)
        : base(configuration)
    {
    }

    public T WithHost(string host)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        return NewInstance(Configuration.WithHost(host));
    }

    protected abstract T NewInstance(ClientBaseConfiguration configuration);
}
