using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Storage.Configurations;

internal sealed class LoadTestConfiguration : IEntityTypeConfiguration<LoadTestEntity>
{
    public void Configure(EntityTypeBuilder<LoadTestEntity> builder)
    {
        builder.ToTable("load_tests");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.CloneUrl).IsRequired();
        builder.Property(t => t.Commit).IsRequired();

        // The scheduler's pick: the oldest highest-priority Scheduled test.
        builder.HasIndex(t => new { t.Status, t.Priority, t.CreatedAt })
            .IsDescending(false, true, false)
            .HasDatabaseName("ix_load_tests_pick");

        // The liveness sweep and quota sums look tests up by worker.
        builder.HasIndex(t => t.AssignedWorker).HasDatabaseName("ix_load_tests_assigned_worker");

        // The newest completed baseline of (repository, scenario).
        builder.HasIndex(t => new { t.Repository, t.Scenario, t.Kind, t.FinishedAt })
            .HasDatabaseName("ix_load_tests_baseline");

        // One active test per (repository, scenario, commit, kind, pull request); see ActiveTestKey.
        builder.HasIndex(t => new { t.Repository, t.Scenario, t.Commit, t.Kind, t.PullRequest })
            .IsUnique()
            .AreNullsDistinct(false)
            .HasFilter(ActiveTestKey.IndexFilter)
            .HasDatabaseName(ActiveTestKey.IndexName);

        // A test's follow-ups (more pairs, a confirmation) are looked up by the test they settle.
        builder.HasIndex(t => t.FollowUpOf).HasDatabaseName("ix_load_tests_follow_up_of");
    }
}
