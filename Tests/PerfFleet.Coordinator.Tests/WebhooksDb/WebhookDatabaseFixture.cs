using System.Net.Http.Headers;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.WebhooksDb;

/// <summary>
/// A coordinator on its own database with the payloads' repository registered through the admin
/// API (webhook secret, scenarios api and checkout), as an operator would set it up.
/// </summary>
public sealed class WebhookDatabaseFixture : IAsyncLifetime
{
    public const string Secret = "webhook-secret-for-tests";
    public const string Repository = "Codertocat/Hello-World";

    private readonly PostgresDatabaseFixture database = new();
    private CoordinatorTestHost? host;

    public CoordinatorTestHost Host => host ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    public PostgresDatabaseFixture Database => database;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        host = await CoordinatorTestHost.StartAsync(database.ConnectionString);
        await host.Repositories.RegisterAsync(
            new RepositoryRegistration { Name = Repository, WebhookSecret = Secret, Scenarios = { "api", "checkout" } },
            CoordinatorTestHost.Admin);
    }

    /// <summary>POSTs a delivery the way GitHub does; a null <paramref name="signature"/> leaves the header out.</summary>
    public async Task<HttpResponseMessage> SendAsync(byte[] body, string eventName, string delivery, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, PerfFleet.Coordinator.Webhooks.GitHubWebhookEndpoints.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        return await Host.Http.SendAsync(request);
    }

    /// <summary>The registered repository's tests at <paramref name="commit"/>, through the admin API.</summary>
    public async Task<IReadOnlyList<LoadTest>> TestsAtAsync(string commit) =>
        [.. (await Host.LoadTests.ListAsync(new ListTestsRequest { Repository = Repository, Commit = commit }, CoordinatorTestHost.Admin)).Tests];

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await database.DisposeAsync();
    }
}
