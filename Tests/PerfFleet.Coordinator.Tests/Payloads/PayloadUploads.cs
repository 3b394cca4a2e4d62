using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Npgsql;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.Payloads;

/// <summary>What the payload tests share: a registered repository, request files, an upload in chunks, the stored rows.</summary>
internal static class PayloadUploads
{
    public static string NewName() => "reqs-" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<string> RegisteredRepositoryAsync(PayloadsHostFixture fixture)
    {
        var name = Specs.NewRepository();
        await fixture.Host.Repositories.RegisterAsync(new RepositoryRegistration { Name = name }, CoordinatorTestHost.Admin);
        return name;
    }

    /// <summary>A request file of about <paramref name="bytes"/> bytes: JSON lines with base64 bodies.</summary>
    public static byte[] RequestFile(int bytes, int seed = 0)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < bytes; i++)
        {
            var body = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"n\":{i},\"seed\":{seed}}}"));
            text.Append("{\"method\":\"POST\",\"path\":\"/api/items/").Append(i).Append("\",\"body\":\"").Append(body).Append("\"}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static PayloadUploadHeader Header(string name, string repository, byte[] content) => new()
    {
        Name = name,
        Repository = repository,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
        Size = content.Length,
    };

    public static async Task<PayloadInfo> UploadAsync(Contracts.V1.Payloads.PayloadsClient client, PayloadUploadHeader header, byte[] content, int chunk = 1000)
    {
        using var call = client.Upload(CoordinatorTestHost.Admin);
        try
        {
            await call.RequestStream.WriteAsync(new PayloadUploadChunk { Header = header });
            for (var offset = 0; offset < content.Length && !call.ResponseAsync.IsCompleted; offset += chunk)
            {
                await call.RequestStream.WriteAsync(new PayloadUploadChunk { Data = ByteString.CopyFrom(content, offset, Math.Min(chunk, content.Length - offset)) });
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // The coordinator refused before the last chunk; its answer below says why, as the CLI reads it.
        }

        return await call.ResponseAsync;
    }

    public static async Task<(PayloadInfo Info, byte[] Content)> DownloadAsync(Contracts.V1.Payloads.PayloadsClient client, DownloadPayloadRequest request)
    {
        using var call = client.Download(request, CoordinatorTestHost.Fleet);
        PayloadInfo? info = null;
        using var content = new MemoryStream();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            var chunk = call.ResponseStream.Current;
            if (chunk.PartCase == PayloadDownloadChunk.PartOneofCase.Info)
            {
                info = chunk.Info;
            }
            else
            {
                chunk.Data.WriteTo(content);
            }
        }

        return (info ?? throw new InvalidOperationException("no info"), content.ToArray());
    }

    /// <summary>Rows in each payload table, straight from the database.</summary>
    public static async Task<(long Payloads, long Blobs, long Uses)> CountRowsAsync(PayloadsHostFixture fixture)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT (SELECT count(*) FROM payloads), (SELECT count(*) FROM payload_blobs), (SELECT count(*) FROM payload_uses)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public static Task<RpcException> FailsAsync(StatusCode code, Func<Task> call) => RpcAssert.FailsAsync(code, call);
}
