namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>The verdict of a comparison with the baseline. Stored as lower-case snake-case text.</summary>
public enum TestVerdict
{
    Unchanged,
    Regression,
    Improvement,
    NoBaseline,
    Error,

    /// <summary>The evidence neither shows a change past the threshold nor rules one out.</summary>
    Inconclusive,
}
