using Microsoft.EntityFrameworkCore;

namespace PerfFleet.Coordinator.Storage;

/// <summary>
/// Creates <see cref="PerfFleetDbContext"/>s for the database once it is ready. Unlike EF's own
/// factory it reads the database on first use, not when constructed, so services that take the
/// factory can be built before the embedded server has started. Its contexts draw on the
/// coordinator's shared data source (<see cref="PerfFleetDatabase.DataSource"/>).
/// </summary>
public sealed class PerfFleetDbContextFactory(PerfFleetDatabase database) : IDbContextFactory<PerfFleetDbContext>
{
    private DbContextOptions<PerfFleetDbContext>? options;

    public PerfFleetDbContext CreateDbContext()
    {
        options ??= new DbContextOptionsBuilder<PerfFleetDbContext>().UseNpgsql(database.DataSource).Options;
        return new PerfFleetDbContext(options);
    }

    public static DbContextOptions<PerfFleetDbContext> CreateOptions(string connectionString) =>
        new DbContextOptionsBuilder<PerfFleetDbContext>().UseNpgsql(connectionString).Options;
}
