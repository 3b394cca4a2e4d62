using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.Payloads;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Webhooks;

namespace PerfFleet.Coordinator.Payloads;

/// <summary>
/// <c>perffleet.v1.Payloads</c>: the payload store through the admin API (upload, list, get,
/// remove) and the workers' download. Every input is checked before anything is read from or
/// written to the database; an error names the field or the limit.
/// </summary>
public sealed class PayloadsService(PayloadStore store, IRepositoryRegistry repositories, IOptionsMonitor<PayloadOptions> options)
    : PerfFleet.Contracts.V1.Payloads.PayloadsBase
{
    public override async Task<PayloadInfo> Upload(IAsyncStreamReader<PayloadUploadChunk> requestStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken) || requestStream.Current.PartCase != PayloadUploadChunk.PartOneofCase.Header)
        {
            throw ApiErrors.InvalidArgumentError("header", "the first message must be the header (name, repository, sha256, size)");
        }

        var header = requestStream.Current.Header;
        Validate(header);
        var limits = options.CurrentValue;
        if (header.Size > limits.MaxFileBytes)
        {
            ApiErrors.ResourceExhausted($"{PayloadOptions.MaxFileBytesKey}: the payload has {header.Size} bytes; the limit is {limits.MaxFileBytes}");
        }

        var registration = await repositories.FindAsync(header.Repository, cancellationToken);
        if (registration is null)
        {
            ApiErrors.NotFound($"no repository named {header.Repository} is registered (perffleet repos register)");
        }

        // Counted under the name as registered: ACME/Shop and acme/shop are one repository and one limit.
        header.Repository = registration.Name;

        // Refused before any byte is read when it cannot fit; checked again when it is stored.
        await store.CheckRepositoryRoomAsync(header.Repository, header.Name, header.Size, cancellationToken);
        await using var content = await PayloadUploadReceiver.ReceiveAsync(requestStream, header, cancellationToken);
        var saved = await store.SaveAsync(new PayloadStore.Upload(header.Name, header.Repository, header.Sha256, header.Size, content), cancellationToken);
        return ToInfo(saved);
    }

    public override async Task<ListPayloadsResponse> List(ListPayloadsRequest request, ServerCallContext context)
    {
        if (request.Repository.Length > 0 && !InputRules.RepositoryName().IsMatch(request.Repository))
        {
            ApiErrors.InvalidArgument("repository", $"'{ApiErrors.Truncate(request.Repository)}' is not of the form owner/name");
        }

        var rows = await store.ListAsync(request.Repository.Length > 0 ? request.Repository : null, context.CancellationToken);
        var response = new ListPayloadsResponse();
        response.Payloads.AddRange(rows.Select(ToInfo));
        return response;
    }

    public override async Task<PayloadInfo> Get(GetPayloadRequest request, ServerCallContext context)
    {
        ValidateName(request.Name);
        var row = await store.FindAsync(request.Name, context.CancellationToken);
        if (row is null)
        {
            ApiErrors.NotFound($"no payload named {request.Name}");
        }

        var info = ToInfo(row);
        info.UsedBy.AddRange((await store.ActiveUsersAsync(request.Name, context.CancellationToken)).Select(id => id.ToString()));
        return info;
    }

    public override async Task<Empty> Remove(RemovePayloadRequest request, ServerCallContext context)
    {
        ValidateName(request.Name);
        await store.RemoveAsync(request.Name, context.CancellationToken);
        return new Empty();
    }

    public override async Task Download(DownloadPayloadRequest request, IServerStreamWriter<PayloadDownloadChunk> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        ValidateName(request.Name);
        var pinned = request.Sha256.Length > 0 ? ValidateSha256(request.Sha256, "sha256") : null;
        Guid? testId = request.TestId.Length > 0 ? ApiErrors.ParseId(request.TestId, "test_id") : null;
        var row = await store.FindAsync(request.Name, cancellationToken);
        if (row is null)
        {
            ApiErrors.NotFound($"no payload named {request.Name} (removed, or never uploaded)");
        }

        if (pinned is not null && pinned != row.Sha256)
        {
            ApiErrors.FailedPrecondition($"payload {request.Name} is sha256:{row.Sha256} now, not the sha256:{pinned} asked for");
        }

        if (testId is { } id)
        {
            await store.RecordUseAsync(request.Name, id, cancellationToken);
        }

        await responseStream.WriteAsync(new PayloadDownloadChunk { Info = ToInfo(row) }, cancellationToken);
        var chunkBytes = options.CurrentValue.ChunkBytes;
        for (long offset = 0; offset < row.Size; offset += chunkBytes)
        {
            var slice = await store.ReadSliceAsync(row.Sha256, offset, chunkBytes, cancellationToken);
            if (slice is null)
            {
                ApiErrors.NotFound($"payload {request.Name} was removed while it was being downloaded");
            }

            await responseStream.WriteAsync(new PayloadDownloadChunk { Data = Google.Protobuf.ByteString.CopyFrom(slice) }, cancellationToken);
        }
    }

    private static void Validate(PayloadUploadHeader header)
    {
        ValidateName(header.Name, "header.name");
        if (!InputRules.RepositoryName().IsMatch(header.Repository))
        {
            ApiErrors.InvalidArgument("header.repository", header.Repository.Length == 0 ? "is required (owner/name)" : $"'{ApiErrors.Truncate(header.Repository)}' is not of the form owner/name");
        }

        header.Sha256 = ValidateSha256(header.Sha256, "header.sha256");
        if (header.Size <= 0)
        {
            ApiErrors.InvalidArgument("header.size", header.Size == 0 ? "is required: an empty file holds no request" : $"{header.Size} is not a size");
        }
    }

    private static void ValidateName(string name, string field = "name")
    {
        if (PayloadReference.NameProblem(name) is { } problem)
        {
            ApiErrors.InvalidArgument(field, problem);
        }
    }

    private static string ValidateSha256(string hex, string field) =>
        PayloadReference.Sha256Problem(hex) is { } problem ? throw ApiErrors.InvalidArgumentError(field, problem) : hex.ToLowerInvariant();

    private static PayloadInfo ToInfo(PayloadEntity row) => new()
    {
        Name = row.Name,
        Repository = row.Repository,
        Sha256 = row.Sha256,
        Size = row.Size,
        UploadedAt = Timestamp.FromDateTimeOffset(row.UploadedAt),
    };
}
