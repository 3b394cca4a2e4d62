using System.Runtime.CompilerServices;

namespace Grpc.Core;

/// <summary>A unary call in flight: await it (or ResponseAsync) for the response; dispose to cancel it.</summary>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly Func<Status> getStatusFunc;
    private readonly Func<Metadata> getTrailersFunc;
    private readonly Action disposeAction;

    public AsyncUnaryCall(Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction)
    {
        ResponseAsync = responseAsync;
        ResponseHeadersAsync = responseHeadersAsync;
        this.getStatusFunc = getStatusFunc;
        this.getTrailersFunc = getTrailersFunc;
        this.disposeAction = disposeAction;
    }

    public Task<TResponse> ResponseAsync { get; }

    public Task<Metadata> ResponseHeadersAsync { get; }

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    public ConfiguredTaskAwaitable<TResponse> ConfigureAwait(bool continueOnCapturedContext) => ResponseAsync.ConfigureAwait(continueOnCapturedContext);

    /// <summary>The final status; throws InvalidOperationException while the call is still running.</summary>
    public Status GetStatus() => getStatusFunc();

    public Metadata GetTrailers() => getTrailersFunc();

    public void Dispose() => disposeAction();
}
