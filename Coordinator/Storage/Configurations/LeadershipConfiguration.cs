using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Storage.Configurations;

internal sealed class LeadershipConfiguration : IEntityTypeConfiguration<LeadershipEntity>
{
    public void Configure(EntityTypeBuilder<LeadershipEntity> builder)
    {
        // Exactly one row, created by the migration: fencing compares against it, so it must always exist.
        builder.ToTable("leadership", table => table.HasCheckConstraint("ck_leadership_singleton", "id = 1"));
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasData(new LeadershipEntity { Id = LeadershipEntity.SingletonId, Epoch = 0 });
    }
}
