using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Storage.Configurations;

internal sealed class PayloadBlobConfiguration : IEntityTypeConfiguration<PayloadBlobEntity>
{
    public void Configure(EntityTypeBuilder<PayloadBlobEntity> builder)
    {
        builder.ToTable("payload_blobs");
        builder.HasKey(b => b.Sha256);
        builder.Property(b => b.Content).HasColumnType("bytea").IsRequired();
    }
}
