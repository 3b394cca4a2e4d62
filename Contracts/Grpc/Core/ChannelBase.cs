namespace Grpc.Core;

/// <summary>A connection (pool) to one target that typed clients are built on.</summary>
public abstract class ChannelBase
{
    protected ChannelBase(string target) => Target = target;

    public string Target { get; }

    public abstract CallInvoker CreateCallInvoker();

    public Task ShutdownAsync() => ShutdownAsyncCore();

    protected virtual Task ShutdownAsyncCore() => Task.CompletedTask;
}
