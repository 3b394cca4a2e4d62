namespace PerfFleet.Coordinator.Security;

/// <summary>Tokens for the admin API and the fleet (<c>PerfFleet:Security</c>). Never logged.</summary>
public sealed class SecurityOptions
{
    public const string Section = "PerfFleet:Security";

    public const string AdminTokensKey = Section + ":AdminTokens";

    public const string ReadOnlyTokensKey = Section + ":ReadOnlyTokens";

    /// <summary>Bearer tokens accepted by the admin API (<c>LoadTests</c>, <c>Repositories</c>, <c>Fleet.ListWorkers</c>) and the web UI login.</summary>
    public IList<string> AdminTokens { get; } = [];

    /// <summary>
    /// Bearer tokens for reading only: the admin API's calls that change nothing (<c>LoadTests</c>
    /// List, Get, Watch, History and Compare, <c>Repositories.List</c>, <c>Fleet.ListWorkers</c>) and a
    /// read-only web UI login. Every other admin call answers PERMISSION_DENIED. For dashboards
    /// and CI jobs that only need <c>perffleet get --fail-on-regression</c>.
    /// </summary>
    public IList<string> ReadOnlyTokens { get; } = [];

    /// <summary>The token workers present in <c>Fleet.Heartbeat</c> and <c>Fleet.ReportResults</c>, and the coordinator presents to workers.</summary>
    public string? FleetToken { get; set; }
}
