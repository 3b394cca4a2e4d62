using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Scheduling;

/// <summary>Rows for scheduling tests, written through the real schema.</summary>
internal static class SchedulingData
{
    public static IOptions<SchedulingOptions> Options(int livenessSeconds = 15, int assignmentSeconds = 60) =>
        Microsoft.Extensions.Options.Options.Create(new SchedulingOptions { LivenessTimeoutSeconds = livenessSeconds, AssignmentTimeoutSeconds = assignmentSeconds });

    public static async Task<long> TakeLeadershipAsync(MigratedDatabase database)
    {
        await using var context = database.CreateDbContext();
        return (await context.Database.SqlQuery<long>($"UPDATE leadership SET epoch = epoch + 1 WHERE id = 1 RETURNING epoch").ToListAsync()).Single();
    }

    public static async Task AddWorkerAsync(MigratedDatabase database, string id, DateTimeOffset heartbeat, int slots = 1, double rateCapacity = 10_000)
    {
        await using var context = database.CreateDbContext();
        context.Workers.Add(new WorkerEntity
        {
            Id = id,
            Address = $"http://127.0.0.1:1/{id}",
            CapacityConcurrentTests = slots,
            CapacityRequestRate = rateCapacity,
            CapacityCores = 2,
            LastHeartbeatAt = heartbeat,
            RegisteredAt = heartbeat,
            Labels = new() { ["zone"] = "test" },
        });
        await context.SaveChangesAsync();
    }

    public static async Task<Guid> AddTestAsync(MigratedDatabase database, DateTimeOffset createdAt, int priority = 0, double? rate = null, int maxAttempts = 3, string? avoidWorker = null, string repository = "acme/shop")
    {
        await using var context = database.CreateDbContext();
        var test = new LoadTestEntity
        {
            Id = Guid.NewGuid(),
            Kind = LoadTestKind.Test,
            Repository = repository,
            CloneUrl = $"https://example.invalid/{repository}.git",
            Commit = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)), // one active test per commit
            Status = LoadTestStatus.Scheduled,
            Priority = priority,
            Rate = rate,
            MaxAttempts = maxAttempts,
            AvoidWorker = avoidWorker,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
        context.LoadTests.Add(test);
        await context.SaveChangesAsync();
        return test.Id;
    }

    public static async Task<LoadTestEntity> GetTestAsync(MigratedDatabase database, Guid id)
    {
        await using var context = database.CreateDbContext();
        return await context.LoadTests.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    public static async Task<List<TestStateEventEntity>> GetEventsAsync(MigratedDatabase database, Guid id)
    {
        await using var context = database.CreateDbContext();
        return await context.TestStateEvents.AsNoTracking().Where(e => e.TestId == id).OrderBy(e => e.Id).ToListAsync();
    }
}
