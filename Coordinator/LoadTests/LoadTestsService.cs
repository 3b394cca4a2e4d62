using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Fleet;
using PerfFleet.Coordinator.Leadership;
using PerfFleet.Coordinator.Payloads;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Webhooks;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// The admin API (<c>perffleet.v1.LoadTests</c>), served by every coordinator. Token checks are
/// done by the interceptor before a method runs.
/// </summary>
public sealed class LoadTestsService(
    LoadTestSpecValidator validator,
    LoadTestWriter writer,
    LoadTestQueries queries,
    LoadTestStateChanges stateChanges,
    LoadTestActions actions,
    LoadTestUpdates updates,
    LoadTestWatcher watcher,
    LoadTestHistory history,
    BaselinePins pins,
    LoadTestComparisons comparisons,
    IRepositoryRegistry repositories,
    IDbContextFactory<PerfFleetDbContext> contexts,
    RepositoryQuotas quotas,
    ILeadership leadership,
    WorkerClients peers,
    RunLinks links,
    TestIds ids,
    TimeProvider time,
    ScheduledPayloads payloads) : PerfFleet.Contracts.V1.LoadTests.LoadTestsBase
{
    /// <summary>Marks an Update forwarded by a follower, so it is never forwarded twice.</summary>
    public const string ForwardedHeader = "perffleet-forwarded";

    public override async Task<LoadTest> Schedule(ScheduleRequest request, ServerCallContext context)
    {
        var spec = request.Spec;
        validator.Validate(spec);
        await CompleteFromRegistrationAsync(spec, context.CancellationToken);
        await actions.CheckRepositoryQuotaAsync(spec.Repository, context.CancellationToken);
        await payloads.RequireAsync(spec.Requests, "spec.requests", context.CancellationToken);
        var creation = await writer.CreateAsync([new NewLoadTest(spec)], delivery: null, context.CancellationToken);
        if (creation!.AlreadyActive is [var existing, ..])
        {
            ApiErrors.AlreadyExists($"test {existing} of the same repository, scenario, commit, kind and pull request is already queued or running");
        }

        return creation.Created[0].ToProto(links);
    }

    public override async Task<LoadTest> Update(UpdateTestRequest request, ServerCallContext context)
    {
        var id = await ids.ResolveAsync(request.Id, "id", context.CancellationToken);
        double? rate = null;
        TimeSpan? duration = null;
        if (!double.IsFinite(request.Rate) || request.Rate < 0)
        {
            ApiErrors.InvalidArgument("rate", "must be a positive number of requests per second (0 = unchanged)");
        }

        // The test's own repository may have other limits than the global ones.
        var limits = request.Rate > 0 || request.Duration is not null ? quotas.For((await queries.FindAsync(id, context.CancellationToken)).Repository ?? string.Empty) : null;
        if (request.Rate > 0)
        {
            rate = request.Rate <= limits!.MaxRate.Value ? request.Rate
                : throw ApiErrors.ResourceExhaustedError($"rate {request.Rate}/s is above the limit of {limits.MaxRate.Value}/s ({limits.MaxRate.Setting})");
        }

        if (request.Duration is { } d)
        {
            var span = d.ToTimeSpan();
            if (span <= TimeSpan.Zero)
            {
                ApiErrors.InvalidArgument("duration", "must be longer than zero");
            }

            if (span > limits!.MaxDuration.Value)
            {
                ApiErrors.ResourceExhausted($"duration {span} is above the limit of {limits.MaxDuration.Value} ({limits.MaxDuration.Setting})");
            }

            duration = span;
        }

        if (rate is null && duration is null)
        {
            ApiErrors.InvalidArgument("rate", "give a new rate or duration");
        }

        var updated = await stateChanges.TryUpdateUnassignedAsync(id, rate, duration, context.CancellationToken);
        if (updated is not null)
        {
            return updated.ToProto(links);
        }

        if (leadership.IsLeader)
        {
            return (await updates.UpdateAssignedAsync(id, rate, duration, context.CancellationToken)).ToProto(links);
        }

        return await ForwardToLeaderAsync(request, context);
    }

    public override async Task<LoadTest> Stop(StopTestRequest request, ServerCallContext context)
    {
        var test = await actions.StopAsync(await ids.ResolveAsync(request.Id, "id", context.CancellationToken), request.Reason, context.CancellationToken);
        return test.ToProto(links);
    }

    public override Task<ListTestsResponse> List(ListTestsRequest request, ServerCallContext context) =>
        queries.ListAsync(request, context.CancellationToken);

    public override async Task<TestDetails> Get(GetTestRequest request, ServerCallContext context) =>
        await queries.GetAsync(await ids.ResolveAsync(request.Id, "id", context.CancellationToken), context.CancellationToken);

    public override async Task Watch(WatchTestRequest request, IServerStreamWriter<TestEvent> responseStream, ServerCallContext context)
    {
        var id = await ids.ResolveAsync(request.Id, "id", context.CancellationToken);
        await foreach (var change in watcher.WatchAsync(id, context.CancellationToken))
        {
            await responseStream.WriteAsync(change, context.CancellationToken);
        }
    }

    public override async Task<LoadTest> Rerun(RerunRequest request, ServerCallContext context)
    {
        var created = await actions.RerunAsync(await ids.ResolveAsync(request.Id, "id", context.CancellationToken), context.CancellationToken);
        return created.ToProto(links);
    }

    public override Task<HistoryResponse> History(HistoryRequest request, ServerCallContext context) =>
        history.GetAsync(request, context.CancellationToken);

    public override async Task<Contracts.V1.Comparison> Compare(CompareRequest request, ServerCallContext context) =>
        await comparisons.CompareAsync(
            await ids.ResolveAsync(request.Id, "id", context.CancellationToken),
            await ids.ResolveAsync(request.AgainstId, "against_id", context.CancellationToken),
            context.CancellationToken);

    public override async Task<BaselineInfo> PinBaseline(PinBaselineRequest request, ServerCallContext context) =>
        await pins.PinAsync(await ids.ResolveAsync(request.Id, "id", context.CancellationToken), context.CancellationToken);

    public override async Task<BaselineInfo> UnpinBaseline(PinBaselineRequest request, ServerCallContext context) =>
        await pins.UnpinAsync(await ids.ResolveAsync(request.Id, "id", context.CancellationToken), context.CancellationToken);

    public override Task<ListBaselinesResponse> ListBaselines(ListBaselinesRequest request, ServerCallContext context) =>
        pins.ListAsync(request, context.CancellationToken);

    private async Task CompleteFromRegistrationAsync(LoadTestSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Repository.Length == 0 || spec.CloneUrl.Length > 0)
        {
            return;
        }

        var registration = await repositories.FindAsync(spec.Repository, cancellationToken);
        if (registration is null)
        {
            ApiErrors.InvalidArgument("spec.clone_url", $"repository {spec.Repository} is not registered: register it (perffleet repos register) or give a clone URL");
        }

        spec.CloneUrl = registration.CloneUrl;
    }

    private async Task<LoadTest> ForwardToLeaderAsync(UpdateTestRequest request, ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue(ForwardedHeader) is not null)
        {
            ApiErrors.Unavailable("this coordinator is not the leader any more; try again");
        }

        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var leader = await db.Leadership.AsNoTracking().SingleOrDefaultAsync(context.CancellationToken);
        var address = leader?.LeaderAddress;
        if (string.IsNullOrEmpty(address))
        {
            ApiErrors.Unavailable("no coordinator leads right now; try again in a few seconds");
        }

        var headers = new Metadata { { ForwardedHeader, "1" } };
        if (context.RequestHeaders.GetValue("authorization") is { } authorization)
        {
            headers.Add("authorization", authorization);
        }

        var client = new PerfFleet.Contracts.V1.LoadTests.LoadTestsClient(peers.Channel(address));
        try
        {
            return await client.UpdateAsync(request, headers, time.GetUtcNow().UtcDateTime + WorkerClients.CallTimeout, context.CancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
        {
            ApiErrors.Unavailable($"the leader at {address} did not answer: {ex.Status.Detail}");
            throw;
        }
    }
}
