using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PerfFleet.Contracts.Telemetry;

/// <summary>Registers the exporter and maps <c>/metrics</c>.</summary>
public static class PrometheusEndpointExtensions
{
    /// <summary>PerfFleet's own meters, plus ASP.NET Core's request durations and Kestrel's connections.</summary>
    public static readonly string[] DefaultMeterPrefixes = ["PerfFleet", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services, params string[] meterPrefixes)
    {
        var prefixes = meterPrefixes.Length == 0 ? DefaultMeterPrefixes : meterPrefixes;
        services.AddSingleton(_ => new PrometheusMetricsExporter(prefixes));
        return services;
    }

    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        // Resolve now, not at the first scrape: measurements made before the listener exists are lost.
        var exporter = endpoints.ServiceProvider.GetRequiredService<PrometheusMetricsExporter>();
        return endpoints.MapGet(pattern, () => Results.Text(exporter.Scrape(), PrometheusMetricsExporter.ContentType));
    }
}
