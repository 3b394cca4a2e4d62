using Grpc.Core;

namespace PerfFleet.Contracts.Grpc.Client;

internal sealed class ClientResponseStreamReader<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    where TRequest : class
    where TResponse : class
{
    private TResponse? current;
    private int reading;

    public TResponse Current => current ?? throw new InvalidOperationException("No current message: call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref reading, 1) == 1)
        {
            throw new InvalidOperationException("Can't read the next message because the previous read is still in progress.");
        }

        try
        {
            var (found, message) = await call.ReadMessageAsync(cancellationToken);
            current = found ? message : null;
            return found;
        }
        finally
        {
            Volatile.Write(ref reading, 0);
        }
    }
}
