using PerfFleet.Coordinator.Webhooks;

namespace PerfFleet.Coordinator.Telemetry;

/// <summary>Counts webhook deliveries by the status they were answered with (accepted, duplicate, refused…).</summary>
public static class WebhookDeliveryMetrics
{
    public static IApplicationBuilder UseWebhookDeliveryMetrics(this IApplicationBuilder app)
    {
        var metrics = app.ApplicationServices.GetRequiredService<CoordinatorMetrics>();
        return app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Request.Path.StartsWithSegments(GitHubWebhookEndpoints.Path, StringComparison.OrdinalIgnoreCase))
            {
                metrics.WebhookDeliveries.Add(
                    1,
                    new KeyValuePair<string, object?>("event", EventLabel(context.Request.Headers["X-GitHub-Event"].ToString())),
                    new KeyValuePair<string, object?>("status", context.Response.StatusCode));
            }
        });
    }

    // Label values come from a fixed set: a sender must not be able to create series at will.
    private static string EventLabel(string name) => name is "ping" or "push" or "pull_request" or "issue_comment" ? name : "other";
}
