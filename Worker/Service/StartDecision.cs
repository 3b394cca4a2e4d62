using PerfFleet.Contracts.V1;

namespace PerfFleet.Worker.Service;

/// <summary>The outcome of a quota check for Worker.Start: the test to run (null when refused), or why not
/// (<see cref="QuotaExhausted"/>: for lack of quota, else a stale attempt).</summary>
public sealed record StartDecision(ActiveTest? Test, bool AlreadyRunning, bool QuotaChanged, Quota Free, string? Refusal, bool QuotaExhausted = false);
