using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Worker.Pipeline;

/// <summary>Configuration section <c>PerfFleet:Worker:Pipeline</c>.</summary>
public sealed class PipelineOptions
{
    public const string Section = "PerfFleet:Worker:Pipeline";

    /// <summary>Per-run checkouts and logs; each run's directory is removed when it ends.</summary>
    [Required]
    public string RunsDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "perffleet", "runs");

    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ResourceSampleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait after the window before querying, so Prometheus has scraped its end.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan QueryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Keep run directories (checkout and service logs) for debugging.</summary>
    public bool KeepRunDirectories { get; set; }
}
