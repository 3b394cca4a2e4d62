using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Storage.Configurations;

internal sealed class PayloadUseConfiguration : IEntityTypeConfiguration<PayloadUseEntity>
{
    public void Configure(EntityTypeBuilder<PayloadUseEntity> builder)
    {
        builder.ToTable("payload_uses");
        builder.HasKey(u => new { u.PayloadName, u.TestId });

        // A use ends with its payload or its test; neither is kept for the other's sake.
        builder.HasOne<PayloadEntity>().WithMany().HasForeignKey(u => u.PayloadName).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<LoadTestEntity>().WithMany().HasForeignKey(u => u.TestId).OnDelete(DeleteBehavior.Cascade);
    }
}
