using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// A test to create: a validated spec, the test it re-runs, and the GitHub App installation to
/// report with. A follow-up (<see cref="FollowUpOf"/>) is one the coordinator schedules itself to
/// settle another test's verdict; <see cref="Reason"/> is its first status reason and the
/// description of its <c>pending</c> commit status; <see cref="AvoidWorker"/> is a worker it
/// should run on only when no other has room (<see cref="LoadTestEntity.AvoidWorker"/>).
/// </summary>
public sealed record NewLoadTest(
    LoadTestSpec Spec,
    Guid? RerunOf = null,
    long? InstallationId = null,
    Guid? FollowUpOf = null,
    TestFollowUp? FollowUp = null,
    string? Reason = null,
    string? AvoidWorker = null);
