namespace Grpc.Core;

public interface IAsyncStreamWriter<in T>
{
    WriteOptions? WriteOptions { get; set; }

    Task WriteAsync(T message);

    Task WriteAsync(T message, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? throw new NotSupportedException("This writer does not take a cancellation token.") : WriteAsync(message);
}
