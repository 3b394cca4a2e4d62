using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfFleet.Coordinator.Reporting;
using PerfFleet.Coordinator.Tests.Reporting;
using PerfFleet.Coordinator.Webhooks;
using PerfFleet.Testing;

namespace PerfFleet.Coordinator.Tests.Webhooks;

/// <summary>
/// The webhook endpoint in a real Kestrel host on a free loopback port, with the real webhook and
/// reporting registrations, an in-memory sink, and GitHub played by <see cref="RecordingGitHubServer"/>.
/// Registered: Codertocat/Hello-World (scenarios api and checkout) and Octocoders/Hello-World.
/// </summary>
public sealed class WebhookTestHost : IAsyncDisposable
{
    public const string Secret = "test-webhook-secret";
    public const string Repository = "Codertocat/Hello-World";

    private readonly WebApplication _app;

    private WebhookTestHost(WebApplication app, InMemoryWebhookTestSink sink, RecordingGitHubServer gitHub, HttpClient client)
    {
        _app = app;
        Sink = sink;
        GitHub = gitHub;
        Client = client;
    }

    public InMemoryWebhookTestSink Sink { get; }

    public RecordingGitHubServer GitHub { get; }

    public HttpClient Client { get; }

    public static async Task<WebhookTestHost> StartAsync(bool runDrafts = false, int maxBodyBytes = 5 * 1024 * 1024)
    {
        var gitHub = await RecordingGitHubServer.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PerfFleet:Repositories:0:Name"] = Repository,
            ["PerfFleet:Repositories:0:WebhookSecret"] = Secret,
            ["PerfFleet:Repositories:0:Scenarios:0"] = "api",
            ["PerfFleet:Repositories:0:Scenarios:1"] = "checkout",
            ["PerfFleet:Repositories:0:GitHubToken"] = "repo-token",
            ["PerfFleet:Repositories:0:RunDrafts"] = runDrafts ? "true" : "false",
            ["PerfFleet:Repositories:1:Name"] = "Octocoders/Hello-World",
            ["PerfFleet:Repositories:1:WebhookSecret"] = Secret,
            ["PerfFleet:Webhooks:MaxBodyBytes"] = maxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PerfFleet:GitHub:ApiBaseUrl"] = gitHub.BaseUrl.ToString(),
            ["PerfFleet:GitHub:MaxAttempts"] = "2",
            ["PerfFleet:GitHub:MaxRetryDelay"] = "00:00:01",
        });
        var sink = new InMemoryWebhookTestSink();
        builder.Services.AddPerfFleetWebhooks();
        builder.Services.AddPerfFleetReporting(runOutboxProcessor: false);
        builder.Services.AddSingleton<IWebhookTestSink>(sink);
        var app = builder.Build();
        app.MapGitHubWebhooks();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new WebhookTestHost(app, sink, gitHub, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) });
    }

    public static byte[] Payload(string fileName) =>
        File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "Tests", "PerfFleet.Coordinator.Tests", "Webhooks", "Payloads", fileName));

    /// <summary>Sends a body the way GitHub does; null arguments leave that header out.</summary>
    public async Task<HttpResponseMessage> SendAsync(byte[] body, string? eventName, string? deliveryId = null, string? signature = "sign", string? secret = Secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GitHubWebhookEndpoints.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (eventName is not null)
        {
            request.Headers.Add("X-GitHub-Event", eventName);
        }

        request.Headers.Add("X-GitHub-Delivery", deliveryId ?? Guid.NewGuid().ToString());
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature == "sign" ? WebhookSignature.Compute(secret!, body) : signature);
        }

        return await Client.SendAsync(request);
    }

    public static byte[] Edit(byte[] payload, string from, string to)
    {
        var text = Encoding.UTF8.GetString(payload);
        Assert.Contains(from, text, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await GitHub.DisposeAsync();
    }
}
