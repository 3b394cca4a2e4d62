using System.ComponentModel.DataAnnotations;
using PerfFleet.Coordinator.Security;

namespace PerfFleet.Coordinator.Web;

/// <summary>
/// Settings of the web UI (section <c>PerfFleet:Web</c>); <see cref="AdminTokens"/> and
/// <see cref="ReadOnlyTokens"/> come from <c>PerfFleet:Security</c>, the same tokens the admin
/// API accepts.
/// </summary>
public sealed class WebUiOptions
{
    public const string SectionName = "PerfFleet:Web";

    public const string AdminTokensSection = SecurityOptions.AdminTokensKey;

    public const string ReadOnlyTokensSection = SecurityOptions.ReadOnlyTokensKey;

    /// <summary>False (default): read-only for anyone. True: every page needs a login by admin or read-only token.</summary>
    public bool RequireLogin { get; set; }

    /// <summary>How long a login lasts.</summary>
    [Range(1, 7 * 24 * 60)]
    public int SessionMinutes { get; set; } = 12 * 60;

    /// <summary>Rows per page of the runs list.</summary>
    [Range(5, 200)]
    public int PageSize { get; set; } = 25;

    /// <summary>A worker whose last heartbeat is older than this is shown as stale.</summary>
    [Range(1, 3600)]
    public int StaleHeartbeatSeconds { get; set; } = 30;

    /// <summary>How many runs of a (repository, scenario) the history chart reads at most.</summary>
    [Range(2, 1000)]
    public int HistoryRuns { get; set; } = 100;

    /// <summary>Tokens whose login may stop and re-run tests.</summary>
    public IReadOnlyList<string> AdminTokens { get; set; } = [];

    /// <summary>Tokens whose login may only read (with <see cref="RequireLogin"/>, the pages).</summary>
    public IReadOnlyList<string> ReadOnlyTokens { get; set; } = [];
}
