namespace Grpc.Core;

public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Half-closes the request stream: the server sees the end of the client's messages.</summary>
    Task CompleteAsync();
}
