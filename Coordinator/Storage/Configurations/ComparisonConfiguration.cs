using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Storage.Configurations;

internal sealed class ComparisonConfiguration : IEntityTypeConfiguration<ComparisonEntity>
{
    public void Configure(EntityTypeBuilder<ComparisonEntity> builder)
    {
        builder.ToTable("comparisons");
        builder.HasKey(c => c.TestId);
        builder.Property(c => c.TestId).ValueGeneratedNever();
        builder.HasOne<LoadTestEntity>().WithOne().HasForeignKey<ComparisonEntity>(c => c.TestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.BaselineTestId).HasDatabaseName("ix_comparisons_baseline");
    }
}
