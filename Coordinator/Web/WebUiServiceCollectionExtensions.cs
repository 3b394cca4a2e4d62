using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Security;
using PerfFleet.Coordinator.Web.Actions;
using PerfFleet.Coordinator.Web.Auth;
using PerfFleet.Coordinator.Web.Errors;
using PerfFleet.Coordinator.Web.History;
using PerfFleet.Coordinator.Web.RunDetails;
using PerfFleet.Coordinator.Web.Runs;
using PerfFleet.Coordinator.Web.Workers;

namespace PerfFleet.Coordinator.Web;

public static class WebUiServiceCollectionExtensions
{
    /// <summary>
    /// The web UI's services and <see cref="WebUiOptions"/> (validated at start). Needs an
    /// <c>IDbContextFactory&lt;PerfFleetDbContext&gt;</c> (registered by the storage) and a
    /// <see cref="TimeProvider"/> (the system clock unless one is registered first); the admin
    /// buttons and the comparison page also need <c>LoadTestActions</c> and <c>LoadTestComparisons</c>
    /// (registered by the coordinator).
    /// </summary>
    public static IServiceCollection AddPerfFleetWebUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebUiOptions>()
            .Bind(configuration.GetSection(WebUiOptions.SectionName))
            .Configure(options =>
            {
                options.AdminTokens = configuration.GetSection(WebUiOptions.AdminTokensSection).Get<List<string>>() ?? [];
                // As the coordinator's own options: an empty entry (an unset deployment variable) is no token.
                options.ReadOnlyTokens = [.. (configuration.GetSection(WebUiOptions.ReadOnlyTokensSection).Get<List<string>>() ?? []).Where(t => !UnsetReadOnlyTokens.IsUnset(t))];
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebUiOptions>, WebUiOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebSessionTokens>();
        services.AddSingleton<WebPageResults>();
        services.AddSingleton<WebUiErrorFilter>();
        services.AddSingleton<WebUiLoginFilter>();
        services.AddSingleton<AdminFormFilter>();
        services.AddSingleton<StoredResultDecoder>();
        services.AddSingleton<RunsPageLoader>();
        services.AddSingleton<RunDetailsLoader>();
        services.AddSingleton<HistoryLoader>();
        services.AddSingleton<WorkersPageLoader>();
        return services;
    }
}
