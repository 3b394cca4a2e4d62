using Google.Protobuf;
using PerfFleet.Cli.Connection;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.PayloadStore;

/// <summary>Streams a checked file to <c>Payloads.Upload</c>: the header (name, repository, size, SHA-256), then 1 MiB chunks.</summary>
public static class PayloadUpload
{
    /// <summary>Below gRPC's 4 MB message limit, large enough that a big file takes few messages.</summary>
    public const int ChunkBytes = 1024 * 1024;

    public static async Task<PayloadInfo> SendAsync(CoordinatorConnection connection, PayloadFile file, string name, string repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(file);
        using var call = connection.Payloads.Upload(connection.Streaming(cancellationToken));
        try
        {
            await call.RequestStream.WriteAsync(new PayloadUploadChunk { Header = new PayloadUploadHeader { Name = name, Repository = repository, Size = file.Size, Sha256 = file.Sha256 } }, cancellationToken).ConfigureAwait(false);
            await using (var stream = File.OpenRead(file.Path))
            {
                var buffer = new byte[ChunkBytes];
                int read;
                while (!call.ResponseAsync.IsCompleted && (read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await call.RequestStream.WriteAsync(new PayloadUploadChunk { Data = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken).ConfigureAwait(false);
                }
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Grpc.Core.RpcException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // The coordinator refused before the last chunk (a limit, a bad header) and ended the
            // call: its answer, awaited below, says why; the failed write does not.
        }

        return await call.ResponseAsync.ConfigureAwait(false);
    }
}
