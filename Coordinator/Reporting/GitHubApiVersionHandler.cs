namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// Pins the REST API version PerfFleet was written against (<c>X-GitHub-Api-Version</c>), which
/// Octokit does not send: GitHub would otherwise answer with whatever version it defaults to.
/// </summary>
public sealed class GitHubApiVersionHandler : DelegatingHandler
{
    public const string Version = "2022-11-28";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove("X-GitHub-Api-Version");
        request.Headers.Add("X-GitHub-Api-Version", Version);
        return base.SendAsync(request, cancellationToken);
    }
}
