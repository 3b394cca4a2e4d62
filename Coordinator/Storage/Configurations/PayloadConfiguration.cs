using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Storage.Configurations;

internal sealed class PayloadConfiguration : IEntityTypeConfiguration<PayloadEntity>
{
    public void Configure(EntityTypeBuilder<PayloadEntity> builder)
    {
        builder.ToTable("payloads");
        builder.HasKey(p => p.Name);
        builder.Property(p => p.Repository).IsRequired();
        builder.Property(p => p.Sha256).IsRequired();
        builder.HasIndex(p => p.Repository).HasDatabaseName("ix_payloads_repository");

        // A name always names stored content: the blob cannot go while a name points at it.
        builder.HasOne<PayloadBlobEntity>().WithMany().HasForeignKey(p => p.Sha256).OnDelete(DeleteBehavior.Restrict);
    }
}
