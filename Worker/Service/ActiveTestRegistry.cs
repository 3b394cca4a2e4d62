using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Worker.Hosting;

namespace PerfFleet.Worker.Service;

/// <summary>
/// The tests this worker runs and the quota they hold. Every quota decision happens under one
/// lock so two Start calls cannot both take the last slot.
/// </summary>
public sealed class ActiveTestRegistry(IOptions<WorkerOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ActiveTest> _tests = new(StringComparer.Ordinal);

    public Quota Capacity { get; } = options.Value.Capacity.ToQuota();

    public IReadOnlyList<ActiveTest> Snapshot()
    {
        lock (_lock)
        {
            return [.. _tests.Values];
        }
    }

    public Quota Used()
    {
        lock (_lock)
        {
            return UsedLocked(except: null);
        }
    }

    public Quota Free() => QuotaMath.Minus(Capacity, Used());

    public bool TryGet(string testId, [NotNullWhen(true)] out ActiveTest? test)
    {
        lock (_lock)
        {
            return _tests.TryGetValue(testId, out test);
        }
    }

    /// <summary>
    /// Shadower's three cases: the free quota is what the leader expected → accepted; it changed but
    /// <paramref name="required"/> still fits → accepted, quota changed; it does not fit → refused.
    /// A test already running with the same attempt is accepted again (a retried Start); an older
    /// attempt of it is stopped and replaced.
    /// </summary>
    public StartDecision TryAdd(string testId, int attempt, long epoch, Quota expectedFree, Quota required, IReadOnlyList<string> reportTo)
    {
        var needed = required.Clone();
        needed.ConcurrentTests = Math.Max(1, needed.ConcurrentTests);
        lock (_lock)
        {
            _tests.TryGetValue(testId, out var existing);
            if (existing is not null && existing.Attempt == attempt)
            {
                return new StartDecision(existing, AlreadyRunning: true, QuotaChanged: false, QuotaMath.Minus(Capacity, UsedLocked(null)), null);
            }

            if (existing is not null && existing.Attempt > attempt)
            {
                return new StartDecision(null, false, false, QuotaMath.Minus(Capacity, UsedLocked(null)), $"attempt {existing.Attempt} of test {testId} is already running here; attempt {attempt} is stale");
            }

            // An older attempt still here was re-assigned: its quota goes to the new one.
            var free = QuotaMath.Minus(Capacity, UsedLocked(except: existing));
            if (QuotaMath.FirstShortfall(needed, free) is { } shortfall)
            {
                return new StartDecision(null, false, false, free, "not enough free quota: " + shortfall, QuotaExhausted: true);
            }

            existing?.RequestStop($"replaced by attempt {attempt}");
            var test = new ActiveTest(testId, attempt, epoch, needed, reportTo, time);
            _tests[testId] = test;
            var changed = !QuotaMath.SameAs(free, expectedFree);
            return new StartDecision(test, false, changed, QuotaMath.Minus(free, needed), null);
        }
    }

    /// <summary>Changes a test's rate quota; null when it is not running here, else the shortfall (null = done).</summary>
    public bool TryChangeRate(ActiveTest test, double rate, out string? shortfall)
    {
        lock (_lock)
        {
            var free = QuotaMath.Minus(Capacity, UsedLocked(except: test));
            var needed = test.Quota;
            needed.RequestRate = rate;
            shortfall = QuotaMath.FirstShortfall(needed, free);
            if (shortfall is null)
            {
                test.SetQuotaRate(rate);
            }

            return shortfall is null;
        }
    }

    /// <summary>Frees the test's quota when its run has ended (only that very run: a newer attempt keeps its slot).</summary>
    public void Remove(ActiveTest test)
    {
        lock (_lock)
        {
            if (_tests.TryGetValue(test.TestId, out var current) && ReferenceEquals(current, test))
            {
                _tests.Remove(test.TestId);
            }
        }
    }

    private Quota UsedLocked(ActiveTest? except) =>
        QuotaMath.Sum(_tests.Values.Where(t => !ReferenceEquals(t, except)).Select(t => t.Quota));
}
