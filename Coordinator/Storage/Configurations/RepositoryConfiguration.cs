using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Storage.Configurations;

internal sealed class RepositoryConfiguration : IEntityTypeConfiguration<RepositoryEntity>
{
    public void Configure(EntityTypeBuilder<RepositoryEntity> builder)
    {
        builder.ToTable("repositories");
        builder.HasKey(r => r.Name);
        builder.Property(r => r.CloneUrl).IsRequired();
        builder.Property(r => r.DefaultBranch).IsRequired();
        builder.Property(r => r.GitHubToken).HasColumnName("github_token");
    }
}
