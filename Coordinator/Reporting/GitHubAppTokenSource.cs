using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// Installation access tokens of the GitHub App, cached until five minutes before they expire
/// (they live one hour), so a burst of reports costs one token request.
/// </summary>
public sealed class GitHubAppTokenSource(IHttpClientFactory httpClientFactory, GitHubAppJwtFactory jwtFactory, IOptions<GitHubOptions> options, TimeProvider timeProvider)
{
    /// <summary>The named HttpClient this source uses (a singleton: its cache must outlive a typed client).</summary>
    public const string HttpClientName = "PerfFleet.GitHubApp";

    private static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<long, InstallationToken> _tokens = new();
    private readonly ConcurrentDictionary<string, long> _installations = new(StringComparer.OrdinalIgnoreCase);

    public bool IsConfigured => jwtFactory.IsConfigured;

    public async Task<string> GetTokenAsync(string repository, long? installationId, CancellationToken cancellationToken)
    {
        var installation = installationId ?? options.Value.AppInstallationId ?? await FindInstallationAsync(repository, cancellationToken);
        if (_tokens.TryGetValue(installation, out var cached) && cached.ExpiresAt - RenewBeforeExpiry > timeProvider.GetUtcNow())
        {
            return cached.Token;
        }

        var answer = await SendAsJwtAsync<AccessTokenAnswer>(HttpMethod.Post, $"app/installations/{installation}/access_tokens", cancellationToken);
        var token = new InstallationToken(answer.Token, answer.ExpiresAt);
        _tokens[installation] = token;
        return token.Token;
    }

    private async Task<long> FindInstallationAsync(string repository, CancellationToken cancellationToken)
    {
        if (_installations.TryGetValue(repository, out var known))
        {
            return known;
        }

        var answer = await SendAsJwtAsync<InstallationAnswer>(HttpMethod.Get, $"repos/{repository}/installation", cancellationToken);
        _installations[repository] = answer.Id;
        return answer.Id;
    }

    private async Task<T> SendAsJwtAsync<T>(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(options.Value.ApiBaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwtFactory.CreateToken());
        GitHubRestClient.AddStandardHeaders(request);
        using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new GitHubApiException(
                $"GitHub App {method} {path} answered {(int)response.StatusCode}",
                response.StatusCode,
                GitHubRetryAdvice.IsTransient(response.StatusCode, response.Headers),
                GitHubRetryAdvice.RequestedDelay(response.Headers, timeProvider.GetUtcNow()));
        }

        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new GitHubApiException($"GitHub App {method} {path} answered an empty body");
    }

    private sealed record InstallationToken(string Token, DateTimeOffset ExpiresAt);

    private sealed record AccessTokenAnswer([property: JsonPropertyName("token")] string Token, [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);

    private sealed record InstallationAnswer([property: JsonPropertyName("id")] long Id);
}
