using PerfFleet.Coordinator.Web.Html;
using PerfFleet.Coordinator.Web.Input;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>Links to a commit or pull request on GitHub, only for names that are really owner/name.</summary>
internal static class GitHubLinks
{
    public static HtmlContent Commit(string? repository, string sha) =>
        IsRepository(repository) && InputPatterns.Commit().IsMatch(sha)
            ? Markup.Of($"<a class=\"commit-link\" href=\"https://github.com/{repository}/commit/{sha}\"><code>{sha}</code></a>")
            : Markup.Of($"<code>{sha}</code>");

    public static HtmlContent PullRequest(string? repository, int? number) =>
        number is null
            ? Markup.Text("—")
            : IsRepository(repository)
                ? Markup.Of($"<a class=\"pr-link\" href=\"https://github.com/{repository}/pull/{number}\">#{number}</a>")
                : Markup.Of($"#{number}");

    private static bool IsRepository(string? repository) =>
        repository is not null && repository.Length <= InputPatterns.MaxRepositoryLength && InputPatterns.Repository().IsMatch(repository);
}
