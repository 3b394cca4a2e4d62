namespace PerfFleet.Coordinator.Webhooks;

/// <summary>One entry of <c>PerfFleet:Repositories</c> (a list: <c>PerfFleet:Repositories:0:Name</c>, ...).</summary>
public sealed class RepositoryOptions
{
    /// <summary>owner/name as GitHub spells it.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Any URL git accepts; defaults to https://github.com/{Name}.git.</summary>
    public string? CloneUrl { get; set; }

    public string DefaultBranch { get; set; } = "master";

    public List<string> Scenarios { get; set; } = [];

    /// <summary>The secret set on the GitHub webhook. Without one, every delivery is refused (401).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>A token for this repository's statuses and comments; overrides <c>PerfFleet:GitHub:Token</c>.</summary>
    public string? GitHubToken { get; set; }

    public bool RunDrafts { get; set; }

    public long? InstallationId { get; set; }
}
