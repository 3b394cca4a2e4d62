using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;

namespace PerfFleet.Coordinator.Payloads;

/// <summary>
/// Receives an upload's content into a temporary file, hashing it on the way. Nothing reaches
/// the database until every byte is here and the hash is the header's: a stream cut off or
/// cancelled half-way ends in an exception, and the file is deleted when it is disposed.
/// </summary>
internal static class PayloadUploadReceiver
{
    public static async Task<FileStream> ReceiveAsync(IAsyncStreamReader<PayloadUploadChunk> stream, PayloadUploadHeader header, CancellationToken cancellationToken)
    {
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), "perffleet-upload-" + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long received = 0;
            while (await stream.MoveNext(cancellationToken))
            {
                var chunk = stream.Current;
                if (chunk.PartCase != PayloadUploadChunk.PartOneofCase.Data)
                {
                    ApiErrors.InvalidArgument("header", "only the first message is a header; the rest carry data");
                }

                received += chunk.Data.Length;
                if (received > header.Size)
                {
                    ApiErrors.InvalidArgument("data", $"more bytes than header.size ({header.Size}): nothing was stored");
                }

                hash.AppendData(chunk.Data.Span);
                await file.WriteAsync(chunk.Data.Memory, cancellationToken);
            }

            if (received != header.Size)
            {
                ApiErrors.InvalidArgument("data", $"the stream ended after {received} of {header.Size} bytes: nothing was stored");
            }

            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (!string.Equals(actual, header.Sha256, StringComparison.Ordinal))
            {
                ApiErrors.InvalidArgument("sha256", $"the content's SHA-256 is {actual}, not the header's {header.Sha256}: nothing was stored");
            }

            await file.FlushAsync(cancellationToken);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
