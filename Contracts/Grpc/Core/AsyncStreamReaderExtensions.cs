using System.Runtime.CompilerServices;

namespace Grpc.Core;

public static class AsyncStreamReaderExtensions
{
    /// <summary>Reads the stream to its end as an async sequence.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(this IAsyncStreamReader<T> streamReader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamReader);
        while (await streamReader.MoveNext(cancellationToken))
        {
            yield return streamReader.Current;
        }
    }
}
