using Grpc.Core;
using PerfFleet.Contracts.V1;

namespace PerfFleet.SimulatedWorker;

/// <summary>
/// A simulated worker's tests and the highest leader epoch it has seen. Start follows Shadower's
/// three cases (quota as expected → accepted; changed but fits → accepted, quota_changed; does
/// not fit → RESOURCE_EXHAUSTED) and refuses a leader older than one already seen.
/// </summary>
public sealed class WorkerState(string id, int capacity, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, SimulatedRun> runs = new(StringComparer.Ordinal);
    private long highestEpoch;

    public string Id { get; } = id;

    /// <summary>This process: a restart with the same id is a new incarnation.</summary>
    public string Incarnation { get; } = Guid.NewGuid().ToString("N");

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public int Capacity { get; } = capacity;

    public string Address { get; set; } = string.Empty;

    public long HighestEpoch
    {
        get
        {
            lock (gate)
            {
                return highestEpoch;
            }
        }
    }

    /// <summary>Raised for each newly accepted test; the runner takes it from there.</summary>
    public event Action<SimulatedRun>? Accepted;

    public StartResponse Start(StartRequest request, IReadOnlyList<string> fallbackCoordinators)
    {
        SimulatedRun run;
        StartResponse response;
        lock (gate)
        {
            if (request.Epoch < highestEpoch)
            {
                throw new RpcException(new Status(StatusCode.Aborted, $"epoch {request.Epoch} is older than {highestEpoch}, the highest this worker has seen"));
            }

            highestEpoch = request.Epoch;
            if (runs.TryGetValue(request.Test.Id, out var existing) && existing.Test.Attempts == request.Test.Attempts)
            {
                return new StartResponse { Accepted = true, Free = Free(runs.Count) };
            }

            var free = Capacity - runs.Count;
            var required = Math.Max(1, request.Required?.ConcurrentTests ?? 1);
            if (free < required)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"no free test slot: {runs.Count} of {Capacity} in use"));
            }

            var coordinators = request.Coordinators.Concat(fallbackCoordinators).Distinct(StringComparer.Ordinal).ToList();
            run = new SimulatedRun(request.Test, request.Epoch, coordinators, time.GetUtcNow());
            runs[request.Test.Id] = run;
            response = new StartResponse
            {
                Accepted = true,
                Free = Free(runs.Count),
                QuotaChanged = request.ExpectedFree is { } expected && expected.ConcurrentTests != free,
            };
        }

        Accepted?.Invoke(run);
        return response;
    }

    public bool Stop(string testId, string reason)
    {
        lock (gate)
        {
            if (!runs.TryGetValue(testId, out var run))
            {
                return false;
            }

            run.RequestStop(reason);
            return true;
        }
    }

    public void SeeEpoch(long epoch)
    {
        lock (gate)
        {
            highestEpoch = Math.Max(highestEpoch, epoch);
        }
    }

    public IReadOnlyList<SimulatedRun> Running()
    {
        lock (gate)
        {
            return [.. runs.Values];
        }
    }

    public void Remove(SimulatedRun run)
    {
        lock (gate)
        {
            if (runs.TryGetValue(run.Test.Id, out var current) && ReferenceEquals(current, run))
            {
                runs.Remove(run.Test.Id);
            }
        }

        run.Dispose();
    }

    private Quota Free(int used) => new() { ConcurrentTests = Capacity - used, RequestRate = 1_000_000, Cores = 8 };
}
