using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Storage.Configurations;

internal sealed class TestStateEventConfiguration : IEntityTypeConfiguration<TestStateEventEntity>
{
    public void Configure(EntityTypeBuilder<TestStateEventEntity> builder)
    {
        builder.ToTable("test_state_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.HasOne<LoadTestEntity>().WithMany().HasForeignKey(e => e.TestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.TestId, e.Id }).HasDatabaseName("ix_test_state_events_test");
    }
}
