using Google.Protobuf;
using Grpc.Core;
using Npgsql;
using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Commands;

[Collection(CoordinatorCollection.Name)]
public sealed class UpdateStopRerunTests(CoordinatorFixture coordinator)
{
    [Fact]
    public async Task Update_RunningTest_ChangesRateAndDurationOnTheWorkerAndPrintsThem()
    {
        var test = await coordinator.Seed.RunningAsync();

        var run = await CliRun.RunAsync(coordinator.Args("update", test.Id, "--rate", "400", "--duration", "5m"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("400 rps", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("5m00s", run.Stdout, StringComparison.Ordinal);
        var told = Assert.Single(coordinator.Worker.Updates, u => u.TestId == test.Id);
        Assert.Equal((400d, TimeSpan.FromMinutes(5)), (told.Rate, told.Duration.ToTimeSpan()));
        var stored = (await coordinator.Seed.GetAsync(test.Id)).Spec;
        Assert.Equal((400d, TimeSpan.FromMinutes(5)), (stored.Rate, stored.Duration.ToTimeSpan()));
    }

    [Fact]
    public async Task Update_WorkerRefuses_ExitsWithItsAnswerAndTheStoredRateIsPutBack()
    {
        var test = await coordinator.Seed.RunningAsync();
        coordinator.Worker.OnUpdate = _ => throw new RpcException(new Status(StatusCode.ResourceExhausted, "this worker has no room for 450 requests/s"));
        try
        {
            var run = await CliRun.RunAsync(coordinator.Args("update", test.Id, "--rate", "450"));

            Assert.Equal(ExitCodes.ResourceExhausted, run.ExitCode);
            Assert.Contains("no room for 450", run.OneErrorLine(), StringComparison.Ordinal);
            Assert.Equal(test.Spec.Rate, (await coordinator.Seed.GetAsync(test.Id)).Spec.Rate);
        }
        finally
        {
            coordinator.Worker.OnUpdate = null;
        }
    }

    [Fact]
    public async Task Update_WhileTheWorkerIsSlow_HoldsNoLockOnTheTestOrTheLeadershipRow()
    {
        var test = await coordinator.Seed.RunningAsync();
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        coordinator.Worker.OnUpdate = async _ =>
        {
            called.TrySetResult();
            await release.Task;
        };
        try
        {
            var update = CliRun.RunAsync(coordinator.Args("update", test.Id, "--rate", "300"));
            await called.Task.WaitAsync(TimeSpan.FromSeconds(20));

            // What a stop from another coordinator and a new leader's epoch bump need, at once.
            await using (var connection = new NpgsqlConnection(coordinator.DatabaseConnectionString))
            {
                await connection.OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await using var lockRows = new NpgsqlCommand(
                    "SELECT 1 FROM load_tests WHERE id = @id FOR UPDATE NOWAIT; SELECT 1 FROM leadership WHERE id = 1 FOR UPDATE NOWAIT", connection, transaction);
                lockRows.Parameters.AddWithValue("id", Guid.Parse(test.Id));
                await lockRows.ExecuteNonQueryAsync();
                Assert.Equal(300d, (await coordinator.Seed.GetAsync(test.Id)).Spec.Rate); // committed before the call
                await transaction.RollbackAsync();
            }

            release.SetResult();
            var run = await update;
            Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        }
        finally
        {
            release.TrySetResult();
            coordinator.Worker.OnUpdate = null;
        }
    }

    [Fact]
    public async Task Update_CompletedTest_ExitsFailedPrecondition()
    {
        var test = await coordinator.Seed.CompletedAsync(Seed.BaselineLevel);

        var run = await CliRun.RunAsync(coordinator.Args("update", test.Id, "--rate", "10"));

        Assert.Equal(ExitCodes.FailedPrecondition, run.ExitCode);
        Assert.StartsWith("error: failed precondition: test " + test.Id, run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_RateAboveTheQuota_ExitsResourceExhausted()
    {
        var test = await coordinator.Seed.RunningAsync();

        var run = await CliRun.RunAsync(coordinator.Args("update", test.Id, "--rate", "20000"));

        Assert.Equal(ExitCodes.ResourceExhausted, run.ExitCode);
        Assert.StartsWith("error: resource exhausted: rate 20000/s is above the limit", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_WithoutRateOrDuration_ExitsUsage()
    {
        var run = await CliRun.RunAsync(coordinator.Args("update", "any-id"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("error: update needs --rate or --duration", run.OneErrorLine());
    }

    [Theory]
    [InlineData("soon", "is not a duration")]
    [InlineData("10", "lacks a unit")]
    [InlineData("0s", "must be more than zero")]
    [InlineData("-00:01:00", "must be more than zero")]
    public async Task Update_BadDuration_ExitsUsageNamingTheFlag(string duration, string why)
    {
        var run = await CliRun.RunAsync(coordinator.Args("update", "any-id", "--duration", duration));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"--duration '{duration}'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(why, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_ClockStyleDuration_IsAcceptedToo()
    {
        var test = await coordinator.Seed.RunningAsync();

        var run = await CliRun.RunAsync(coordinator.Args("update", test.Id, "--duration", "00:02:30"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(TimeSpan.FromSeconds(150), (await coordinator.Seed.GetAsync(test.Id)).Spec.Duration.ToTimeSpan());
    }

    [Fact]
    public async Task Stop_RunningTest_TellsTheWorkerAndPrintsStopping()
    {
        var test = await coordinator.Seed.RunningAsync();

        var run = await CliRun.RunAsync(coordinator.Args("stop", test.Id, "--reason", "wrong commit", "-o", "json"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var printed = JsonParser.Default.Parse<LoadTest>(run.Stdout);
        Assert.Equal((TestStatus.Stopping, "wrong commit"), (printed.Status, printed.StatusReason));
        Assert.Equal("wrong commit", Assert.Single(coordinator.Worker.Stops, s => s.TestId == test.Id).Reason);
    }

    [Fact]
    public async Task Stop_UnknownId_ExitsNotFound()
    {
        var unknown = Guid.NewGuid().ToString();

        var run = await CliRun.RunAsync(coordinator.Args("stop", unknown));

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal($"error: not found: no test with id {unknown}", run.OneErrorLine());
    }

    [Fact]
    public async Task Rerun_ExistingTest_PrintsNewTestThatRerunsTheOriginal()
    {
        var repo = Seed.NewRepository();
        var test = await coordinator.Seed.FailedAsync("stack did not start", repo);

        var run = await CliRun.RunAsync(coordinator.Args("rerun", test.Id));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("rerun of", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(test.Id, run.Stdout, StringComparison.Ordinal);
        var listed = await coordinator.Host.LoadTests.ListAsync(new ListTestsRequest { Repository = repo }, CoordinatorFixture.Admin);
        var rerun = Assert.Single(listed.Tests, t => t.RerunOf == test.Id);
        Assert.Equal(test.Spec.Commit, rerun.Spec.Commit);
    }
}
