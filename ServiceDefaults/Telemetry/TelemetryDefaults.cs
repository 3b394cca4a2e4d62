using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PerfFleet.Common.Tracing;

namespace PerfFleet.ServiceDefaults.Telemetry;

/// <summary>
/// Telemetry the way eShop's ServiceDefaults set it up, for the coordinator and the worker alike:
/// the OpenTelemetry SDK with PerfFleet's meters, ASP.NET Core's and Kestrel's, exported in the
/// Prometheus format on <c>/metrics</c>; traces from PerfFleet's spans, incoming requests, outgoing
/// HTTP and gRPC calls and the database, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (and kept in the process otherwise: nothing is sent anywhere by default).
/// </summary>
public static class TelemetryDefaults
{
    /// <summary>Latency buckets in seconds (Prometheus client defaults, extended to 60 s).</summary>
    public static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly string[] Meters = ["PerfFleet.*", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>Paths that are polled, not used: a span for each would bury the ones that matter.</summary>
    private static readonly string[] UntracedPaths = ["/metrics", "/healthz", "/readyz", "/grpc.health.v1.Health/", "/perffleet.v1.Fleet/Heartbeat"];

    public static IServiceCollection AddPerfFleetTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .AddView(BucketsFor)
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0))
            .WithTracing(tracing => tracing
                .AddSource(PerfFleetTracing.SourceName)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = http => !IsPolled(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddGrpcClientInstrumentation(grpc => grpc.SuppressDownstreamInstrumentation = true)
                .AddNpgsql());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    /// <summary>Maps the Prometheus scrape endpoint (<c>/metrics</c>).</summary>
    public static IEndpointConventionBuilder MapPerfFleetMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint("/metrics");

    private static bool IsPolled(PathString path) =>
        UntracedPaths.Any(p => path.StartsWithSegments(p.TrimEnd('/'), StringComparison.Ordinal));

    /// <summary>
    /// Histograms without advised boundaries get latency buckets in their unit; OpenTelemetry's
    /// defaults (0 to 10,000 in one unit) would put every latency in seconds into one bucket.
    /// </summary>
    private static MetricStreamConfiguration? BucketsFor(Instrument instrument)
    {
        var advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries is { Count: > 0 },
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries is { Count: > 0 },
            _ => true,
        };
        if (advised)
        {
            return null;
        }

        var scale = instrument.Unit switch
        {
            "s" => 1.0,
            "ms" => 1000.0,
            _ => double.NaN,
        };
        return double.IsNaN(scale) ? null : new ExplicitBucketHistogramConfiguration { Boundaries = [.. SecondsBuckets.Select(b => b * scale)] };
    }
}
