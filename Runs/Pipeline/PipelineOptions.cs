using System.ComponentModel.DataAnnotations;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Runs.Pipeline;

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

    /// <summary>
    /// The highest request rate a run may ask for here; null: no limit (a local <c>perffleet run</c>).
    /// The coordinator never reads a repository's scenario file, so its quota checks cannot stop a
    /// pull request that asks for a million requests a second: the worker refuses it before any
    /// stack starts. The worker host sets it from <c>PerfFleet:Worker:Capacity:RequestRate</c>.
    /// </summary>
    [Range(0.001, double.MaxValue)]
    public double? MaxRequestRate { get; set; }

    /// <summary>
    /// Pairs of a paired run when neither the test nor the scenario's <c>repeat.pairs</c> says.
    /// Each pair costs two fresh stacks, warm-ups and windows (docs/scenario-file.md "repeat").
    /// </summary>
    [Range(1, ScenarioRepeat.MaxPairs)]
    public int DefaultPairs { get; set; } = 5;

    /// <summary>
    /// Seeds the draw of which build runs first in each pair; null: a new seed per run (logged, so
    /// a run's order can be told). Fixed only to make runs repeatable, as tests do.
    /// </summary>
    public int? PairOrderSeed { get; set; }

    /// <summary>Keep run directories (checkout and service logs) for debugging.</summary>
    public bool KeepRunDirectories { get; set; }
}
