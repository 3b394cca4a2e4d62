using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// Options under <c>PerfFleet:GitHub</c>. Auth: a repository's own token
/// (<c>PerfFleet:Repositories:N:GitHubToken</c>) wins, then <see cref="Token"/>, then the GitHub
/// App (<see cref="AppId"/> + <see cref="AppPrivateKeyPem"/> or <see cref="AppPrivateKeyPath"/>).
/// </summary>
public sealed class GitHubOptions
{
    public const string SectionName = "PerfFleet:GitHub";

    /// <summary>REST API root, used as given; for GitHub Enterprise Server: https://HOST/api/v3/.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://api.github.com/");

    public string? Token { get; set; }

    public long? AppId { get; set; }

    public string? AppPrivateKeyPem { get; set; }

    public string? AppPrivateKeyPath { get; set; }

    /// <summary>Used when neither the payload nor the repository registration names an installation.</summary>
    public long? AppInstallationId { get; set; }

    /// <summary>Attempts per call (<see cref="GitHubApi"/>'s retry pipeline) for transient failures before the outbox takes over.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The longest in-process wait for Retry-After; a longer one is left to the outbox's retry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Octokit's timeout of one request: past it the attempt is a transient failure.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
