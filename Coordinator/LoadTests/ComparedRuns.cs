using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>Two runs and the comparison of <see cref="Test"/> against <see cref="Against"/> (what the comparison page shows).</summary>
public sealed record ComparedRuns(LoadTestEntity Test, LoadTestEntity Against, Contracts.V1.Comparison Comparison);
