using PerfFleet.Contracts.V1;

namespace PerfFleet.Worker.Pipeline;

/// <summary>One attempt of one test, as the worker received it.</summary>
public sealed record RunRequest(string TestId, int Attempt, LoadTestSpec Spec);
