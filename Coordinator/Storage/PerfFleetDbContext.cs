using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.Storage.Configurations;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Storage;

/// <summary>
/// PerfFleet's database: PostgreSQL is the single source of truth (DESIGN.md "Processes").
/// Tables and columns are snake_case; the schema is created by the migrations in
/// <c>Storage/Migrations</c>, applied at start-up.
/// </summary>
public sealed class PerfFleetDbContext(DbContextOptions<PerfFleetDbContext> options) : DbContext(options)
{
    public DbSet<LoadTestEntity> LoadTests => Set<LoadTestEntity>();

    public DbSet<TestStateEventEntity> TestStateEvents => Set<TestStateEventEntity>();

    public DbSet<WorkerEntity> Workers => Set<WorkerEntity>();

    public DbSet<LeadershipEntity> Leadership => Set<LeadershipEntity>();

    public DbSet<TestResultEntity> TestResults => Set<TestResultEntity>();

    public DbSet<ComparisonEntity> Comparisons => Set<ComparisonEntity>();

    public DbSet<RepositoryEntity> Repositories => Set<RepositoryEntity>();

    public DbSet<WebhookDeliveryEntity> WebhookDeliveries => Set<WebhookDeliveryEntity>();

    public DbSet<ReportOutboxEntity> ReportOutbox => Set<ReportOutboxEntity>();

    public DbSet<PayloadEntity> Payloads => Set<PayloadEntity>();

    public DbSet<PayloadBlobEntity> PayloadBlobs => Set<PayloadBlobEntity>();

    public DbSet<PayloadUseEntity> PayloadUses => Set<PayloadUseEntity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<LoadTestKind>().HaveConversion<SnakeCaseEnumConverter<LoadTestKind>>();
        configurationBuilder.Properties<LoadTestStatus>().HaveConversion<SnakeCaseEnumConverter<LoadTestStatus>>();
        configurationBuilder.Properties<TestVerdict>().HaveConversion<SnakeCaseEnumConverter<TestVerdict>>();
        configurationBuilder.Properties<TestFollowUp>().HaveConversion<SnakeCaseEnumConverter<TestFollowUp>>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PerfFleetDbContext).Assembly);

        // Columns get snake_case names unless a configuration chose one (github_token).
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName() == property.Name)
                {
                    property.SetColumnName(StorageNaming.ToSnakeCase(property.Name));
                }
            }
        }
    }
}
