namespace Grpc.Core;

/// <summary>Base of the generated clients (e.g. LoadTests.LoadTestsClient).</summary>
public abstract class ClientBase
{
    protected ClientBase()
        : this(new UnimplementedCallInvoker())
    {
    }

    protected ClientBase(ChannelBase channel)
        : this((channel ?? throw new ArgumentNullException(nameof(channel))).CreateCallInvoker())
    {
    }

    protected ClientBase(CallInvoker callInvoker)
        : this(new ClientBaseConfiguration(callInvoker ?? throw new ArgumentNullException(nameof(callInvoker)), null))
    {
    }

    protected ClientBase(ClientBaseConfiguration configuration)
    {
        Configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        CallInvoker = configuration.CallInvoker;
    }

    protected CallInvoker CallInvoker { get; }

    internal ClientBaseConfiguration Configuration { get; }

    /// <summary>What a client is made of; nested and named as in Grpc.Core.Api because generated code refers to it.</summary>
    protected internal sealed class ClientBaseConfiguration
    {
        internal ClientBaseConfiguration(CallInvoker callInvoker, string? host)
        {
            CallInvoker = callInvoker;
            Host = host;
        }

        internal CallInvoker CallInvoker { get; }

        internal string? Host { get; }

        internal ClientBaseConfiguration WithHost(string host) => new(CallInvoker, host);
    }
}
