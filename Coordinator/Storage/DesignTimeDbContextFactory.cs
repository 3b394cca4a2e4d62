using Microsoft.EntityFrameworkCore.Design;

namespace PerfFleet.Coordinator.Storage;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting a coordinator. Adding a
/// migration never connects, so the connection string only has to parse.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PerfFleetDbContext>
{
    public PerfFleetDbContext CreateDbContext(string[] args) =>
        new(PerfFleetDbContextFactory.CreateOptions("Host=localhost;Database=perffleet_design"));
}
