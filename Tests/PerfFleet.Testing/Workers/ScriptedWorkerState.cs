using System.Collections.Concurrent;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Testing.Workers;

/// <summary>
/// What a <see cref="ScriptedWorker"/> was told by the leader (starts, updates, stops) and what
/// it holds: the tests it accepted and has not reported yet, each with its latest progress.
/// </summary>
public sealed class ScriptedWorkerState(string fleetToken)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StartRequest>> starts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HeldTest> held = new(StringComparer.Ordinal);

    public string FleetToken { get; } = fleetToken;

    public ConcurrentQueue<WorkerUpdateRequest> Updates { get; } = new();

    /// <summary>When set, runs before an update is recorded: a test makes the worker slow, or refuse it by throwing.</summary>
    public Func<WorkerUpdateRequest, Task>? OnUpdate { get; set; }

    public ConcurrentQueue<WorkerStopRequest> Stops { get; } = new();

    /// <summary>The leader's Start: the test is held (as a real worker would run it) until the test reports it.</summary>
    public void Accept(StartRequest request)
    {
        held[request.Test.Id] = new HeldTest(request, Progress: null);
        var started = NewSource();
        started.SetResult(request);

        // A waiter may be there first; a re-assignment (a new attempt) replaces an earlier Start.
        starts.AddOrUpdate(request.Test.Id, started, (_, waiting) => waiting.TrySetResult(request) ? waiting : started);
    }

    public Task<StartRequest> StartOf(string testId) => starts.GetOrAdd(testId, _ => NewSource()).Task;

    public HeldTest Held(string testId) =>
        held.TryGetValue(testId, out var test) ? test : throw new InvalidOperationException($"test {testId} is not held by this worker (never started, or already reported)");

    public void Record(string testId, Progress progress) => held[testId] = Held(testId) with { Progress = progress };

    public HeldTest Release(string testId) =>
        held.TryRemove(testId, out var test) ? test : throw new InvalidOperationException($"test {testId} is not held by this worker (never started, or already reported)");

    public IReadOnlyList<HeldTest> Running() => [.. held.Values];

    private static TaskCompletionSource<StartRequest> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
