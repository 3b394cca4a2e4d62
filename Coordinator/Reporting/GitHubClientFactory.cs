using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// Octokit clients for one token each, against <see cref="GitHubOptions.ApiBaseUrl"/> as
/// configured: the <see cref="Connection"/> takes the base URL as it is, where
/// <see cref="GitHubClient"/>'s own constructor would append <c>api/v3/</c> to any host but
/// github.com (and so miss a test's loopback server). Requests go through the HttpClient
/// factory's pooled handler (<see cref="HttpClientName"/>), so sockets are reused across clients
/// and the HTTP instrumentation sees them.
/// </summary>
public sealed class GitHubClientFactory(IHttpMessageHandlerFactory handlers, IOptions<GitHubOptions> options)
{
    public const string HttpClientName = "PerfFleet.GitHub";

    private static readonly ProductHeaderValue Product = new("PerfFleet", "1.0");
    private static readonly SimpleJsonSerializer Serializer = new();

    /// <summary>A client that sends <c>Authorization: Bearer <paramref name="token"/></c> (a token, an installation token or an App's JWT).</summary>
    public GitHubClient Create(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var credentials = new InMemoryCredentialStore(new Credentials(token, AuthenticationType.Bearer));
#pragma warning disable CA2000 // the adapter's HttpClient only wraps the factory's pooled handler: nothing to release per client
        var http = new HttpClientAdapter(() => handlers.CreateHandler(HttpClientName));
#pragma warning restore CA2000
        var connection = new Connection(Product, options.Value.ApiBaseUrl, credentials, http, Serializer);
        connection.SetRequestTimeout(options.Value.RequestTimeout);
        return new GitHubClient(connection);
    }
}
