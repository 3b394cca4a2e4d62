using System.Diagnostics;

namespace PerfFleet.Samples.SampleService.Metrics;

/// <summary>Times every request and records it under its route template (not the raw path, so ids do not explode the series).</summary>
public sealed class RequestTimingMiddleware(RequestDelegate next, RequestDurationHistogram histogram, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            if (route != "/metrics")
            {
                histogram.Observe(context.Request.Method, route, context.Response.StatusCode, time.GetElapsedTime(started).TotalSeconds);
            }
        }
    }
}
