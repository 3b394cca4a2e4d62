using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Storage.Configurations;

internal sealed class WorkerConfiguration : IEntityTypeConfiguration<WorkerEntity>
{
    public void Configure(EntityTypeBuilder<WorkerEntity> builder)
    {
        builder.ToTable("workers");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Address).IsRequired();
        builder.Property(w => w.Labels)
            .HasColumnType("jsonb")
            .HasConversion(new JsonDictionaryConverter(), JsonDictionaryConverter.Comparer);
        builder.HasIndex(w => w.LastHeartbeatAt).HasDatabaseName("ix_workers_last_heartbeat");
    }
}
