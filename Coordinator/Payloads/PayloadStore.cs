using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Payloads;

/// <summary>
/// The one owner of <c>payloads</c>, <c>payload_blobs</c> and <c>payload_uses</c>. Contents are
/// keyed by SHA-256 and stored once; a name points at one content. Every change is one
/// transaction under advisory locks on the name and the repository, so two uploads cannot both
/// pass the repository's limit, and a removal cannot race a replacement.
/// </summary>
public sealed class PayloadStore(IDbContextFactory<PerfFleetDbContext> contexts, IOptionsMonitor<PayloadOptions> options, TimeProvider time)
{
    /// <summary>A checked upload: its content (read from the start) has <paramref name="Size"/> bytes whose SHA-256 is <paramref name="Sha256"/>.</summary>
    public sealed record Upload(string Name, string Repository, string Sha256, long Size, Stream Content);

    public async Task<PayloadEntity> SaveAsync(Upload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, "perffleet.payload:" + upload.Name, cancellationToken);
        await LockAsync(db, "perffleet.payloads-of:" + upload.Repository, cancellationToken);

        var existing = await db.Payloads.SingleOrDefaultAsync(p => p.Name == upload.Name, cancellationToken);
        if (existing is not null)
        {
            if (!string.Equals(existing.Repository, upload.Repository, StringComparison.Ordinal))
            {
                ApiErrors.FailedPrecondition($"payload {upload.Name} belongs to {existing.Repository}, not {upload.Repository}: choose another name, or remove it first");
            }

            if (existing.Sha256 == upload.Sha256)
            {
                return existing; // the same content again: nothing to change
            }

            await RefuseWhileUsedAsync(db, upload.Name, "replaced", cancellationToken);
        }

        // Checked again here, under the repository's lock: the check before the bytes came in
        // (CheckRepositoryRoomAsync) did not stop two uploads from passing it together.
        await CheckRepositoryRoomAsync(db, upload.Repository, upload.Name, upload.Size, cancellationToken);

        var now = time.GetUtcNow();
        await InsertBlobAsync(db, upload, now, cancellationToken);
        var oldSha = existing?.Sha256;
        if (existing is null)
        {
            existing = new PayloadEntity { Name = upload.Name, Repository = upload.Repository };
            db.Payloads.Add(existing);
        }

        existing.Sha256 = upload.Sha256;
        existing.Size = upload.Size;
        existing.UploadedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        if (oldSha is not null)
        {
            await DeleteUnreferencedBlobAsync(db, oldSha, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return existing;
    }

    /// <summary>RESOURCE_EXHAUSTED naming the limit when <paramref name="size"/> more bytes under <paramref name="name"/> would not fit the repository's room.</summary>
    public async Task CheckRepositoryRoomAsync(string repository, string name, long size, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await CheckRepositoryRoomAsync(db, repository, name, size, cancellationToken);
    }

    public async Task<PayloadEntity?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Payloads.AsNoTracking().SingleOrDefaultAsync(p => p.Name == name, cancellationToken);
    }

    public async Task<IReadOnlyList<PayloadEntity>> ListAsync(string? repository, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Payloads.AsNoTracking();
        if (repository is not null)
        {
            query = query.Where(p => p.Repository == repository);
        }

        return await query.OrderBy(p => p.Name).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> ActiveUsersAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await PayloadUsers.ActiveAsync(db, name, cancellationToken);
    }

    /// <summary>Removes the name, and its content when no other name has it; refused while a queued or running test uses it.</summary>
    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, "perffleet.payload:" + name, cancellationToken);
        var row = await db.Payloads.SingleOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (row is null)
        {
            ApiErrors.NotFound($"no payload named {name}");
        }

        await RefuseWhileUsedAsync(db, name, "removed", cancellationToken);
        db.Payloads.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        await DeleteUnreferencedBlobAsync(db, row.Sha256, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records that <paramref name="testId"/> uses the payload, when both exist (a removal is then refused until the test ends).</summary>
    public async Task RecordUseAsync(string name, Guid testId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO payload_uses (payload_name, test_id, downloaded_at)
            SELECT {name}, {testId}, {time.GetUtcNow()}
            WHERE EXISTS (SELECT 1 FROM payloads WHERE name = {name}) AND EXISTS (SELECT 1 FROM load_tests WHERE id = {testId})
            ON CONFLICT DO NOTHING
            """,
            cancellationToken);
    }

    /// <summary>
    /// One slice of a content; null when the content is gone (removed since its name was read).
    /// Slices keep a download's memory to one chunk whatever the payload's size.
    /// </summary>
    public async Task<byte[]?> ReadSliceAsync(string sha256, long offset, int length, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT substring(content FROM @from FOR @length) FROM payload_blobs WHERE sha256 = @sha256", connection);

        // SQL's substring counts from 1.
        command.Parameters.AddWithValue("from", NpgsqlDbType.Integer, checked((int)(offset + 1)));
        command.Parameters.AddWithValue("length", NpgsqlDbType.Integer, length);
        command.Parameters.AddWithValue("sha256", sha256);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    private async Task CheckRepositoryRoomAsync(PerfFleetDbContext db, string repository, string name, long size, CancellationToken cancellationToken)
    {
        // The name's own current content is replaced, so it does not count.
        var limit = options.CurrentValue.MaxRepositoryBytes;
        var others = await db.Payloads.Where(p => p.Repository == repository && p.Name != name).SumAsync(p => p.Size, cancellationToken);
        if (others + size > limit)
        {
            ApiErrors.ResourceExhausted(
                $"{PayloadOptions.MaxRepositoryBytesKey}: {repository}'s payloads would take {others + size} bytes ({others} stored + {size}); the limit is {limit}");
        }
    }

    private static async Task RefuseWhileUsedAsync(PerfFleetDbContext db, string name, string verb, CancellationToken cancellationToken)
    {
        var users = await PayloadUsers.ActiveAsync(db, name, cancellationToken);
        if (users.Count > 0)
        {
            ApiErrors.FailedPrecondition(
                $"payload {name} cannot be {verb}: {users.Count} queued or running test(s) use it ({string.Join(", ", users.Take(10))}{(users.Count > 10 ? ", …" : "")}); stop them or wait for them to end");
        }
    }

    private static Task<int> LockAsync(PerfFleetDbContext db, string key, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);

    private static async Task InsertBlobAsync(PerfFleetDbContext db, Upload upload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM payload_blobs WHERE sha256 = @sha256", connection, transaction);
        exists.Parameters.AddWithValue("sha256", upload.Sha256);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return; // content-addressed: the same bytes under another name are stored once
        }

        // The content goes to the server from the stream (Npgsql writes a seekable stream's
        // length and bytes), never as one array in this process.
        upload.Content.Position = 0;
        await using var insert = new NpgsqlCommand(
            "INSERT INTO payload_blobs (sha256, size, content, created_at) VALUES (@sha256, @size, @content, @now) ON CONFLICT (sha256) DO NOTHING",
            connection,
            transaction);
        insert.Parameters.AddWithValue("sha256", upload.Sha256);
        insert.Parameters.AddWithValue("size", upload.Size);
        insert.Parameters.Add(new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = upload.Content });
        insert.Parameters.AddWithValue("now", now);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Task<int> DeleteUnreferencedBlobAsync(PerfFleetDbContext db, string sha256, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"DELETE FROM payload_blobs b WHERE b.sha256 = {sha256} AND NOT EXISTS (SELECT 1 FROM payloads p WHERE p.sha256 = b.sha256)",
            cancellationToken);
}
