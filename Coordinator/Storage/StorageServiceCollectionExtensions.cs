using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The database: <see cref="DatabaseOptions"/> (section <c>PerfFleet:Database</c>, validated at
    /// start), <see cref="PerfFleetDatabase"/>, <see cref="IDbContextFactory{TContext}"/> of
    /// <see cref="PerfFleetDbContext"/> (and a scoped context), and the start-up service that starts
    /// the embedded PostgreSQL when needed and applies the migrations. Register it before other
    /// hosted services so that it starts first and stops last.
    /// </summary>
    public static IServiceCollection AddPerfFleetStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddSingleton<PerfFleetDatabase>();
        services.AddSingleton<IDbContextFactory<PerfFleetDbContext>, PerfFleetDbContextFactory>();
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<PerfFleetDbContext>>().CreateDbContext());
        services.AddHostedService<DatabaseStartupService>();
        return services;
    }
}
