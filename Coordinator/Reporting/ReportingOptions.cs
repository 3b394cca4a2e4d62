using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>Options under <c>PerfFleet:Reporting</c>.</summary>
public sealed class ReportingOptions
{
    public const string SectionName = "PerfFleet:Reporting";

    /// <summary>Commit status context prefix: statuses are <c>{prefix}/{scenario}</c>.</summary>
    [Required]
    [RegularExpression(@"^\S+$")]
    public string StatusContextPrefix { get; set; } = "perffleet";

    /// <summary>Generic JSON webhook (Slack-compatible <c>text</c>) for alerts; none = no alerts.</summary>
    public Uri? AlertWebhookUrl { get; set; }

    /// <summary>Alert on improvements too, not only on regressions.</summary>
    public bool AlertOnImprovements { get; set; }
}
