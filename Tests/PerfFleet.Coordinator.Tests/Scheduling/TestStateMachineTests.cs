using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage.Entities;
using static PerfFleet.Coordinator.Storage.Entities.LoadTestStatus;

namespace PerfFleet.Coordinator.Tests.Scheduling;

public sealed class TestStateMachineTests
{
    public static TheoryData<LoadTestStatus, LoadTestStatus> Allowed => new()
    {
        { Scheduled, Assigned },
        { Assigned, Running },
        { Running, Collecting },
        { Collecting, Completed },
        { Assigned, Scheduled },   // rejected for quota / worker lost
        { Running, Scheduled },    // worker lost with attempts left
        { Assigned, Collecting },  // a short run reported no Running heartbeat
        { Scheduled, Stopping },
        { Running, Stopping },
        { Collecting, Stopping },
        { Stopping, Stopped },
        { Scheduled, Stopped },    // no worker holds it: stops at once
        { Scheduled, Failed },
        { Running, Failed },
        { Stopping, Failed },
    };

    public static TheoryData<LoadTestStatus, LoadTestStatus> Refused => new()
    {
        { Scheduled, Running },
        { Scheduled, Completed },
        { Assigned, Completed },
        { Running, Assigned },
        { Running, Stopped },      // must pass through Stopping: the worker tears the stack down
        { Stopping, Scheduled },
        { Stopping, Stopping },
        { Completed, Failed },
        { Completed, Stopping },
        { Stopped, Scheduled },
        { Failed, Scheduled },
        { Running, Running },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void CanTransition_LifeCycleStep_IsAllowed(LoadTestStatus from, LoadTestStatus to) =>
        Assert.True(TestStateMachine.CanTransition(from, to));

    [Theory]
    [MemberData(nameof(Refused))]
    public void CanTransition_NotInLifeCycle_IsRefused(LoadTestStatus from, LoadTestStatus to) =>
        Assert.False(TestStateMachine.CanTransition(from, to));

    [Theory]
    [InlineData(Completed)]
    [InlineData(Stopped)]
    [InlineData(Failed)]
    public void AllowedFrom_TerminalStatus_IsEmpty(LoadTestStatus status)
    {
        Assert.True(TestStateMachine.IsTerminal(status));
        Assert.Empty(TestStateMachine.AllowedFrom(status));
    }

    [Fact]
    public void AllowedFrom_Running_ListsExactlyItsSuccessors() =>
        Assert.Equal([Scheduled, Collecting, Stopping, Failed], TestStateMachine.AllowedFrom(Running));

    [Fact]
    public void EnsureCanTransition_StoppingACompletedTest_ThrowsNamingTestAndStatuses()
    {
        var id = Guid.NewGuid();

        var error = Assert.Throws<IllegalTransitionException>(() => TestStateMachine.EnsureCanTransition(id, Completed, Stopping));

        Assert.Equal((id, Completed, Stopping), (error.TestId, error.From, error.To));
        Assert.Contains(id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("final", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureCanTransition_SkippingAhead_ThrowsListingWhatIsAllowed()
    {
        var error = Assert.Throws<IllegalTransitionException>(() => TestStateMachine.EnsureCanTransition(Guid.NewGuid(), Scheduled, Completed));

        Assert.Contains("Assigned, Stopping, Stopped, Failed", error.Message, StringComparison.Ordinal);
    }
}
