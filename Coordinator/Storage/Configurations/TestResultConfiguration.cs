using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Storage.Configurations;

internal sealed class TestResultConfiguration : IEntityTypeConfiguration<TestResultEntity>
{
    public void Configure(EntityTypeBuilder<TestResultEntity> builder)
    {
        builder.ToTable("test_results");
        builder.HasKey(r => r.TestId);
        builder.Property(r => r.TestId).ValueGeneratedNever();
        builder.HasOne<LoadTestEntity>().WithOne().HasForeignKey<TestResultEntity>(r => r.TestId).OnDelete(DeleteBehavior.Cascade);
    }
}
