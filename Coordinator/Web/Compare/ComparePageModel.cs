using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Web.Compare;

/// <summary>The two runs of a comparison page and the comparison of <see cref="Run"/> against <see cref="Against"/>.</summary>
internal sealed record ComparePageModel(LoadTestEntity Run, LoadTestEntity Against, Contracts.V1.Comparison Comparison);
