namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>The comparison of a test with its baseline; the verdict and baseline are columns for queries.</summary>
public sealed class ComparisonEntity
{
    public Guid TestId { get; set; }

    /// <summary>Null when there was no baseline.</summary>
    public Guid? BaselineTestId { get; set; }

    public TestVerdict Verdict { get; set; }

    /// <summary>A serialized <c>Comparison</c> message: the numbers behind every metric's verdict.</summary>
    public byte[] Metrics { get; set; } = [];

    public DateTimeOffset ComputedAt { get; set; }
}
