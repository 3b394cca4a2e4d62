using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Runs.Source;

/// <summary>Configuration section <c>PerfFleet:Worker:Source</c>.</summary>
public sealed class SourceOptions
{
    public const string Section = "PerfFleet:Worker:Source";

    /// <summary>Where the bare mirrors live (one per repository URL); kept across runs.</summary>
    [Required]
    public string CacheDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "perffleet", "git-cache");

    [Required]
    public string GitExecutable { get; set; } = "git";

    /// <summary>Upper bound for one clone or fetch, so a stalled server cannot hold a run forever.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "02:00:00")]
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
