using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PerfFleet.Coordinator.Webhooks;

public static class GitHubWebhookEndpoints
{
    public const string Path = "/webhooks/github";

    /// <summary>Maps <c>POST /webhooks/github</c>. Needs <see cref="WebhookServiceCollectionExtensions.AddPerfFleetWebhooks"/>.</summary>
    public static IEndpointConventionBuilder MapGitHubWebhooks(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, (HttpContext context, GitHubWebhookHandler handler) => handler.HandleAsync(context))
            .WithName("GitHubWebhook")
            .DisableAntiforgery();
}
