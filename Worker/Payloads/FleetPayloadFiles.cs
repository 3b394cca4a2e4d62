using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.Payloads;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Payloads;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Worker.Hosting;
using PerfFleet.Worker.Service;

namespace PerfFleet.Worker.Payloads;

/// <summary>
/// payload:// on a worker: <c>Payloads.Download</c> from a coordinator (those the Start named
/// first, failing over on UNAVAILABLE or a timeout), into the cache by SHA-256. The coordinator is
/// asked every time, so that it knows the test uses the payload and a removed one fails the test;
/// when the content it names is cached, the stream is left after its first message. An answer
/// every coordinator would give (not found, another content than pinned) fails the run at once,
/// with the coordinator's words; nothing waits without a deadline.
/// </summary>
public sealed class FleetPayloadFiles(CoordinatorPool coordinators, ActiveTestRegistry registry, IOptions<WorkerOptions> options, ILogger<FleetPayloadFiles> logger) : IPayloadFiles
{
    private readonly PayloadCache cache = new(Path.Combine(options.Value.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "perffleet"), "payload-cache"));

    public async Task<string> GetFileAsync(PayloadReference reference, RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(request);
        var reportTo = registry.TryGet(request.TestId, out var active) ? active.ReportTo : null;
        var failures = new List<string>();
        foreach (var address in coordinators.FailoverOrder(reportTo))
        {
            try
            {
                var path = await DownloadAsync(address, reference, request.TestId, cancellationToken);
                coordinators.Succeeded(address);
                return path;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition or StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.Unauthenticated)
            {
                // Every coordinator reads the same database: another would answer the same.
                throw Failed(reference, ex.Status.Detail);
            }
            catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
            {
                PayloadLog.CoordinatorFailed(logger, reference.Name, address, ex.StatusCode, ex.Status.Detail);
                failures.Add($"{address}: {ex.StatusCode} {ex.Status.Detail}");
            }
        }

        throw Failed(reference, failures.Count == 0 ? "no coordinator is configured" : "no coordinator gave it (" + string.Join("; ", failures) + ")");
    }

    private async Task<string> DownloadAsync(string address, PayloadReference reference, string testId, CancellationToken cancellationToken)
    {
        var request = new DownloadPayloadRequest { Name = reference.Name, Sha256 = reference.Sha256 ?? "", TestId = Guid.TryParse(testId, out _) ? testId : "" };
        using var call = coordinators.PayloadsClient(address).Download(request, coordinators.CallOptions(cancellationToken, options.Value.PayloadDownloadTimeout));
        if (!await call.ResponseStream.MoveNext(cancellationToken) || call.ResponseStream.Current.PartCase != PayloadDownloadChunk.PartOneofCase.Info)
        {
            throw Failed(reference, $"{address} answered without the payload's description");
        }

        var info = call.ResponseStream.Current.Info;
        if (reference.Sha256 is { } pinned && info.Sha256 != pinned)
        {
            throw Failed(reference, $"the coordinator gave sha256:{info.Sha256}, not the sha256:{pinned} the test asks for");
        }

        if (await cache.TryGetAsync(info.Sha256, cancellationToken) is { } cached)
        {
            PayloadLog.Cached(logger, reference.Name, info.Sha256);
            return cached; // disposing the call cancels the rest of the stream
        }

        try
        {
            var path = await cache.StoreAsync(info.Sha256, file => CopyAsync(call.ResponseStream, file, info.Size, cancellationToken), cancellationToken);
            PayloadLog.Downloaded(logger, reference.Name, info.Sha256, info.Size, address);
            return path;
        }
        catch (PayloadCorruptException ex)
        {
            throw Failed(reference, $"it is corrupt: {ex.Message}");
        }
    }

    private static async Task CopyAsync(IAsyncStreamReader<PayloadDownloadChunk> stream, Stream file, long size, CancellationToken cancellationToken)
    {
        long received = 0;
        while (await stream.MoveNext(cancellationToken))
        {
            var data = stream.Current.Data;
            received += data.Length;
            if (received > size)
            {
                // More bytes than described can only be wrong: stop reading rather than fill the disk.
                throw PayloadCorruptException.TooLong(size);
            }

            await file.WriteAsync(data.Memory, cancellationToken);
        }
    }

    private static RunFailedException Failed(PayloadReference reference, string why) =>
        new(RunPhase.ReadingScenario, $"requests: {reference}: {why}");
}
