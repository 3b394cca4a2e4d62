using PerfFleet.Coordinator.Scheduling;

namespace PerfFleet.Coordinator.Tests.Scheduling;

/// <summary>
/// The claim's in-memory matching: a worker's room is its capacity less the larger of what its
/// last heartbeat reports and what the database gave it before that heartbeat, less what the
/// database gave it since (no heartbeat shows that yet), and each test taken counts at once.
/// </summary>
public sealed class WorkerRoomTests
{
    [Fact]
    public void Take_HeartbeatUseAndTestsGivenSinceBothCount()
    {
        // w1: heartbeat 2 of 5 used, 1 given before it, 1 given since: 2 left. w2: heartbeat 0, 3 given before it: 2 left.
        var room = new WorkerRoom([Load("w1", tests: 5, used: 2, known: 1, since: 1), Load("w2", tests: 5, known: 3)]);

        var picks = Enumerable.Range(0, 5).Select(_ => room.Take(1, null)).ToList();

        Assert.Equal(new[] { "w1", "w2", "w1", "w2", null }, picks);
    }

    [Fact]
    public void Take_EmptiestFirstThenById_AndEachTakenTestCountsAtOnce()
    {
        var room = new WorkerRoom([Load("b", tests: 3), Load("a", tests: 3), Load("c", tests: 2)]);

        var picks = Enumerable.Range(0, 9).Select(_ => room.Take(1, null)).ToList();

        Assert.Equal(new[] { "a", "b", "a", "b", "c", "a", "b", "c", null }, picks);
    }

    [Fact]
    public void Take_RateRoom_CountsReportedOrKnownRateAndTheRateGivenSince()
    {
        var room = new WorkerRoom([Load("w1", tests: 10, rate: 1000, usedRate: 500, knownRate: 300, sinceRate: 100)]);

        Assert.Null(room.Take(401, null));
        Assert.Equal("w1", room.Take(400, null));
        Assert.Null(room.Take(1, null));
    }

    [Fact]
    public void Take_AvoidedWorker_OnlyWhenNoOtherHasRoom()
    {
        var room = new WorkerRoom([Load("empty", tests: 5), Load("busy", tests: 5, known: 4)]);

        Assert.Equal("busy", room.Take(1, avoid: "empty"));
        Assert.Equal("empty", room.Take(1, avoid: "busy"));
        Assert.Equal("empty", room.Take(1, avoid: "empty")); // the only one with room left
    }

    private static WorkerRoom.Load Load(string id, int tests, int used = 0, long known = 0, long since = 0, double rate = 10_000, double usedRate = 0, double knownRate = 0, double sinceRate = 0) =>
        new(id, tests, used, rate, usedRate, known, knownRate, since, sinceRate);
}
