using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Storage.Configurations;

internal sealed class ReportOutboxConfiguration : IEntityTypeConfiguration<ReportOutboxEntity>
{
    public void Configure(EntityTypeBuilder<ReportOutboxEntity> builder)
    {
        builder.ToTable("report_outbox");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Kind).IsRequired();
        builder.Property(r => r.Payload).HasColumnType("jsonb").IsRequired();

        // The outbox worker only ever reads pending rows, due first.
        builder.HasIndex(r => r.NextAttemptAt)
            .HasFilter("done_at IS NULL")
            .HasDatabaseName("ix_report_outbox_due");
    }
}
