using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// What <see cref="LoadTestWriter.CreateAsync"/> did: the tests it created, and for each asked-for
/// test that was already active (<see cref="ActiveTestKey"/>) the id of that test instead.
/// </summary>
public sealed record TestCreation(IReadOnlyList<LoadTestEntity> Created, IReadOnlyList<Guid> AlreadyActive);
