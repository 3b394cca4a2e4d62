using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>Another run linked from the run page (a re-run of it), with its state for the badge.</summary>
internal sealed record RelatedRun(Guid Id, LoadTestStatus Status, DateTimeOffset CreatedAt);
