using System.Globalization;
using Grpc.Core;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Fixture;

/// <summary>LoadTests with the validation and error statuses DESIGN.md asks of the real coordinator.</summary>
public sealed class InMemoryLoadTestsService(CoordinatorState state, BearerTokens tokens) : LoadTests.LoadTestsBase
{
    public const double FleetRateCapacity = 10_000;
    private static int nextId;

    public override Task<LoadTest> Schedule(ScheduleRequest request, ServerCallContext context)
    {
        tokens.RequireWrite(context);
        var spec = request.Spec ?? throw Invalid("spec", "is required");
        if (spec.Commit.Length > 0 && (spec.Commit.Length != 40 || !spec.Commit.All(char.IsAsciiHexDigitLower)))
        {
            throw Invalid("spec.commit", "must be a full 40-character lower-case SHA");
        }

        if (spec.Rate > FleetRateCapacity)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"spec.rate {spec.Rate} rps is more than the fleet can give ({FleetRateCapacity} rps)"));
        }

        state.Scheduled.Enqueue(request);
        var test = new LoadTest { Id = NewId(), Spec = spec, Status = TestStatus.Scheduled };
        state.Tests[test.Id] = new TestDetails { Test = test };
        return Task.FromResult(test);
    }

    public override Task<LoadTest> Update(UpdateTestRequest request, ServerCallContext context)
    {
        tokens.RequireWrite(context);
        var test = Find(request.Id).Test;
        if (test.Status is TestStatus.Completed or TestStatus.Failed or TestStatus.Stopped)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"test {test.Id} is {test.Status} and cannot change"));
        }

        state.Updates.Enqueue(request);
        if (request.Rate > 0)
        {
            test.Spec.Rate = request.Rate;
        }

        if (request.Duration is not null)
        {
            test.Spec.Duration = request.Duration;
        }

        return Task.FromResult(test);
    }

    public override Task<LoadTest> Stop(StopTestRequest request, ServerCallContext context)
    {
        tokens.RequireWrite(context);
        var test = Find(request.Id).Test;
        state.Stops.Enqueue(request);
        if (test.Status is not (TestStatus.Completed or TestStatus.Failed or TestStatus.Stopped))
        {
            test.Status = TestStatus.Stopping;
            test.StatusReason = request.Reason;
        }

        return Task.FromResult(test);
    }

    public override Task<ListTestsResponse> List(ListTestsRequest request, ServerCallContext context)
    {
        tokens.RequireRead(context);
        state.ListRequests.Enqueue(request);
        var matching = state.Tests.Values.Select(d => d.Test)
            .Where(t => request.Status.Count == 0 || request.Status.Contains(t.Status))
            .Where(t => t.Id.StartsWith(request.Id, StringComparison.Ordinal))
            .Where(t => request.Repository.Length == 0 || t.Spec.Repository == request.Repository)
            .Where(t => t.Spec.Commit.StartsWith(request.Commit, StringComparison.Ordinal))
            .Where(t => request.Kind == TestKind.Unspecified || t.Spec.Kind == request.Kind)
            .OrderBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
        var pageSize = request.PageSize == 0 ? 50 : request.PageSize;
        var skip = request.PageToken.Length == 0 ? 0 : int.Parse(request.PageToken, CultureInfo.InvariantCulture);
        var page = matching.Skip(skip).Take(pageSize).ToList();
        return Task.FromResult(new ListTestsResponse
        {
            Tests = { page },
            Total = matching.Count,
            NextPageToken = skip + page.Count < matching.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : "",
        });
    }

    public override Task<TestDetails> Get(GetTestRequest request, ServerCallContext context)
    {
        tokens.RequireRead(context);
        return Task.FromResult(Find(request.Id));
    }

    public override async Task Watch(WatchTestRequest request, IServerStreamWriter<TestEvent> responseStream, ServerCallContext context)
    {
        tokens.RequireRead(context);
        Find(request.Id);
        foreach (var testEvent in state.WatchScripts.GetValueOrDefault(request.Id, []))
        {
            await responseStream.WriteAsync(testEvent);
        }
    }

    public override Task<LoadTest> Rerun(RerunRequest request, ServerCallContext context)
    {
        tokens.RequireWrite(context);
        var original = Find(request.Id).Test;
        var test = new LoadTest { Id = NewId(), Spec = original.Spec.Clone(), Status = TestStatus.Scheduled, RerunOf = original.Id };
        state.Tests[test.Id] = new TestDetails { Test = test };
        return Task.FromResult(test);
    }

    public override Task<HistoryResponse> History(HistoryRequest request, ServerCallContext context)
    {
        tokens.RequireRead(context);
        if (request.Query.Length == 0)
        {
            throw Invalid("query", "is required");
        }

        state.HistoryRequests.Enqueue(request);
        return Task.FromResult(state.History);
    }

    private static string NewId() => "t-" + Interlocked.Increment(ref nextId).ToString("D6", CultureInfo.InvariantCulture);

    private static RpcException Invalid(string field, string problem) => new(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"));

    private TestDetails Find(string id) =>
        state.Tests.TryGetValue(id, out var details) ? details : throw new RpcException(new Status(StatusCode.NotFound, $"test {id} does not exist"));
}
