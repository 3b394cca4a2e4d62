using System.Text.RegularExpressions;
using PerfFleet.Coordinator.Web.Html;
using PerfFleet.Coordinator.Web.Input;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>
/// Links to a repository, commit or pull request on GitHub. Only when the run's clone URL
/// really is github.com: a repository cloned from elsewhere (a mirror, a local path) has no
/// GitHub page, and a link built from its name alone would point at a stranger's repository.
/// </summary>
internal static partial class GitHubLinks
{
    /// <summary>"https://github.com/owner/name" for https, ssh and scp-style GitHub clone URLs; otherwise null.</summary>
    public static string? RepositoryUrl(string? cloneUrl)
    {
        if (string.IsNullOrEmpty(cloneUrl) || cloneUrl.Length > 500)
        {
            return null;
        }

        var match = GitHubCloneUrl().Match(cloneUrl);
        var repository = match.Success ? match.Groups["repo"].Value : null;
        return repository is not null && repository.Length <= InputPatterns.MaxRepositoryLength && InputPatterns.Repository().IsMatch(repository)
            ? "https://github.com/" + repository
            : null;
    }

    public static HtmlContent Repository(string? repositoryUrl, string? name) =>
        name is null
            ? Markup.Text("(ad hoc)")
            : repositoryUrl is null
                ? Markup.Text(name)
                : Markup.Of($"<a class=\"repository-link\" href=\"{repositoryUrl}\">{name}</a>");

    public static HtmlContent Commit(string? repositoryUrl, string sha) =>
        repositoryUrl is not null && InputPatterns.Commit().IsMatch(sha)
            ? Markup.Of($"<a class=\"commit-link\" href=\"{repositoryUrl}/commit/{sha}\"><code>{sha}</code></a>")
            : Markup.Of($"<code>{sha}</code>");

    public static HtmlContent PullRequest(string? repositoryUrl, int? number) =>
        number is null
            ? Markup.Text("—")
            : repositoryUrl is not null
                ? Markup.Of($"<a class=\"pr-link\" href=\"{repositoryUrl}/pull/{number}\">#{number}</a>")
                : Markup.Of($"#{number}");

    // https://github.com/o/n(.git), http://..., ssh://git@github.com/o/n(.git), git@github.com:o/n(.git)
    [GeneratedRegex(@"^(?:https?://(?:[^@/]+@)?github\.com/|ssh://git@github\.com/|git@github\.com:)(?<repo>[^/]+/[^/]+?)(?:\.git)?/?$", RegexOptions.IgnoreCase)]
    private static partial Regex GitHubCloneUrl();
}
