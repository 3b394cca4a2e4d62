namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>A registered repository: where to fetch it and how its webhooks are trusted.</summary>
public sealed class RepositoryEntity
{
    /// <summary>owner/name as GitHub spells it.</summary>
    public string Name { get; set; } = "";

    public string CloneUrl { get; set; } = "";

    public string DefaultBranch { get; set; } = "master";

    /// <summary>Scenarios run per webhook; empty = every scenario in the file.</summary>
    public List<string> Scenarios { get; set; } = [];

    /// <summary>Secret for the webhook HMAC; never returned by the API, never logged.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Token for statuses and comments; never returned by the API, never logged.</summary>
    public string? GitHubToken { get; set; }

    public bool RunDrafts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
