using Microsoft.Extensions.Time.Testing;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Waiting;
using PerfFleet.Worker.Heartbeats;

namespace PerfFleet.Worker.Tests.Heartbeats;

/// <summary>The heartbeat's retry on fake time: doubling from the interval, capped, until a coordinator takes one.</summary>
public sealed class HeartbeatBackoffTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero));
    private readonly List<DateTimeOffset> _attempts = [];
    private readonly List<TimeSpan> _waits = [];

    [Fact]
    public async Task ExecuteAsync_NoCoordinatorAnswers_WaitsDoublingFromTheIntervalUpTo30Seconds()
    {
        var pipeline = Create(TimeSpan.FromSeconds(4));
        var start = _time.GetUtcNow();

        var reply = pipeline.ExecuteAsync(_ => ValueTask.FromResult(Attempt() <= 6 ? null : new HeartbeatResponse { Epoch = 7 }), CancellationToken.None).AsTask();
        await FakeClock.AdvanceUntilDoneAsync(_time, reply, Step, TimeSpan.FromMinutes(5));

        Assert.Equal(7, (await reply)!.Epoch);
        TimeSpan[] expected = [TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16), HeartbeatBackoff.MaxBackoff, HeartbeatBackoff.MaxBackoff, HeartbeatBackoff.MaxBackoff];
        Assert.Equal(expected, _waits);
        Assert.Equal(7, _attempts.Count);
        Assert.Equal(start, _attempts[0]);
        for (var i = 0; i < expected.Length; i++)
        {
            // Each heartbeat after its wait, not before (a little later: the fake clock moves in steps).
            Assert.InRange(_attempts[i + 1] - _attempts[i], expected[i], expected[i] + TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task ExecuteAsync_UnexpectedFailure_RetriedLikeAFailedHeartbeat()
    {
        var pipeline = Create(TimeSpan.FromSeconds(1));

        var reply = pipeline.ExecuteAsync(_ => Attempt() == 1 ? throw new InvalidOperationException("a bug") : ValueTask.FromResult<HeartbeatResponse?>(new HeartbeatResponse()), CancellationToken.None).AsTask();
        await FakeClock.AdvanceUntilDoneAsync(_time, reply, Step, TimeSpan.FromMinutes(1));

        Assert.NotNull(await reply);
        Assert.Equal([TimeSpan.FromSeconds(1)], _waits);
        Assert.Equal(2, _attempts.Count);
    }

    [Fact]
    public async Task ExecuteAsync_HostStopsDuringTheWait_EndsWithoutAnotherHeartbeat()
    {
        var pipeline = Create(TimeSpan.FromSeconds(1));
        using var stopping = new CancellationTokenSource();

        var reply = pipeline.ExecuteAsync(
            _ =>
            {
                Attempt();
                return ValueTask.FromResult<HeartbeatResponse?>(null);
            },
            stopping.Token).AsTask();
        await Eventually.WaitUntilAsync(() => _waits.Count == 1, TimeSpan.FromSeconds(10), "the first failed heartbeat");
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reply.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(_attempts);
    }

    private Polly.ResiliencePipeline<HeartbeatResponse?> Create(TimeSpan interval) =>
        HeartbeatBackoff.Create(interval, _time, failed =>
        {
            _waits.Add(failed.RetryDelay);
            return ValueTask.CompletedTask;
        });

    private int Attempt()
    {
        _attempts.Add(_time.GetUtcNow());
        return _attempts.Count;
    }
}
