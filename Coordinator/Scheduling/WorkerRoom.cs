namespace PerfFleet.Coordinator.Scheduling;

/// <summary>
/// The room of the live workers during one claim, matched to tests in memory so that a batch is
/// a few statements whatever its size. The rule is the one the database enforced per test before:
/// free slots and rate count both the worker's last heartbeat and the tests the database already
/// gives it: the larger of the heartbeat's use and what was given before it, plus what was given
/// after it (which no heartbeat shows yet); the emptiest worker first, the test's avoided worker only when no other fits, ties by id. A test taken here counts
/// at once, so one batch cannot overfill a worker.
/// </summary>
internal sealed class WorkerRoom
{
    private readonly List<Load> workers;

    public WorkerRoom(IEnumerable<Load> loads)
    {
        workers = [.. loads];
    }

    /// <summary>The worker for a test of <paramref name="rate"/> requests/s, or null when none has room.</summary>
    public string? Take(double rate, string? avoid)
    {
        Load? best = null;
        foreach (var worker in workers)
        {
            if (worker.FreeSlots < 1 || worker.FreeRate < rate)
            {
                continue;
            }

            if (best is null || IsBetter(worker, best, avoid))
            {
                best = worker;
            }
        }

        if (best is null)
        {
            return null;
        }

        best.Add(rate);
        return best.Id;
    }

    private static bool IsBetter(Load candidate, Load best, string? avoid)
    {
        var (candidateAvoided, bestAvoided) = (candidate.Id == avoid, best.Id == avoid);
        if (candidateAvoided != bestAvoided)
        {
            return bestAvoided;
        }

        return candidate.FreeSlots != best.FreeSlots
            ? candidate.FreeSlots > best.FreeSlots
            : string.CompareOrdinal(candidate.Id, best.Id) < 0;
    }

    /// <summary>
    /// One worker's capacity; what its last heartbeat says it uses; what the database gave it
    /// before that heartbeat (which the heartbeat counts, unless it has not started yet) and since
    /// (which the heartbeat cannot know). A test taken in this claim counts as given since.
    /// </summary>
    internal sealed class Load(string id, int capacityTests, int usedTests, double capacityRate, double usedRate, long knownTests, double knownRate, long sinceTests, double sinceRate)
    {
        public string Id { get; } = id;

        public long FreeSlots => capacityTests - Math.Max(usedTests, knownTests) - sinceTests;

        public double FreeRate => capacityRate - Math.Max(usedRate, knownRate) - sinceRate;

        public void Add(double rate)
        {
            sinceTests++;
            sinceRate += rate;
        }
    }
}
