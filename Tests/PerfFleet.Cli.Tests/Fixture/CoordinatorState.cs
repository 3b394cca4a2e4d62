using System.Collections.Concurrent;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Fixture;

/// <summary>What the in-memory coordinator knows; tests seed it and read what the CLI sent.</summary>
public sealed class CoordinatorState
{
    public ConcurrentDictionary<string, TestDetails> Tests { get; } = new();

    public ConcurrentDictionary<string, IReadOnlyList<TestEvent>> WatchScripts { get; } = new();

    public ConcurrentDictionary<string, RepositoryRegistration> Repositories { get; } = new();

    public ConcurrentQueue<ScheduleRequest> Scheduled { get; } = new();

    public ConcurrentQueue<UpdateTestRequest> Updates { get; } = new();

    public ConcurrentQueue<StopTestRequest> Stops { get; } = new();

    public ConcurrentQueue<ListTestsRequest> ListRequests { get; } = new();

    public ListWorkersResponse Workers { get; set; } = new();

    public HistoryResponse History { get; set; } = new();

    public ConcurrentQueue<HistoryRequest> HistoryRequests { get; } = new();
}
