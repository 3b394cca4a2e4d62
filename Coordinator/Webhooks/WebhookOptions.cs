using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Coordinator.Webhooks;

/// <summary>Options under <c>PerfFleet:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "PerfFleet:Webhooks";

    /// <summary>GitHub caps payloads at 25 MB; the events PerfFleet acts on are far below 5 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// The webhook secret of registered repositories that have none of their own (one GitHub App
    /// or organisation webhook for many repositories). None by default: such deliveries are refused.
    /// </summary>
    public string? DefaultSecret { get; set; }
}
