using Google.Protobuf;
using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Commands;

[Collection(CoordinatorCollection.Name)]
public sealed class GetCommandTests(CoordinatorFixture coordinator)
{
    [Fact]
    public async Task Get_ComparedTest_ShowsLoadQueriesAndComparisonWithVerdicts()
    {
        var details = await coordinator.Seed.WithComparisonAsync(Verdict.Regression);

        var run = await CliRun.RunAsync(coordinator.Args("get", details.Test.Id));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("completed", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("199.5", run.Stdout, StringComparison.Ordinal);          // achieved rate
        Assert.Contains("31.7", run.Stdout, StringComparison.Ordinal);           // p99
        Assert.Contains("http_p99", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Comparison with the baseline: regression", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("+55", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("unchanged", run.Stdout, StringComparison.Ordinal);      // the engine metric's verdict
        var baseline = await coordinator.Seed.GetAsync(details.Comparison.BaselineTestId);
        Assert.Contains($"baseline {baseline.Id} at {baseline.Spec.Commit[..12]}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_QueryWithCoarseHistogramBuckets_WarnsUnderTheQueries()
    {
        var test = await coordinator.Seed.AssignedAsync();
        var coarse = Measurements.LatencyQuery(Seed.BaselineLevel);
        coarse.BucketBounds.AddRange([5, 10, 25, 50, 100]);
        await coordinator.Worker.FinishAsync(test.Id, new ResultFinal { Status = TestStatus.Completed }, Measurements.Summary(199, 30), [coarse]);

        var run = await CliRun.RunAsync(coordinator.Args("get", test.Id));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("warning: coarse buckets: http_p99: the buckets around the measured 20 are 10 .. 25 (150 % apart, more than 2 × the 10 % threshold)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RegressionWithFailOnRegression_ExitsRegression()
    {
        var details = await coordinator.Seed.WithComparisonAsync(Verdict.Regression);

        var run = await CliRun.RunAsync(coordinator.Args("get", details.Test.Id, "--fail-on-regression"));

        Assert.Equal(ExitCodes.Regression, run.ExitCode);
        Assert.Contains("regression", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RegressionWithoutTheFlag_ExitsOk()
    {
        var details = await coordinator.Seed.WithComparisonAsync(Verdict.Regression);

        var run = await CliRun.RunAsync(coordinator.Args("get", details.Test.Id));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
    }

    [Theory]
    [InlineData(Verdict.Unchanged)]
    [InlineData(Verdict.Improvement)]
    [InlineData(Verdict.NoBaseline)]
    public async Task Get_NoRegressionWithFailOnRegression_ExitsOk(Verdict verdict)
    {
        var details = await coordinator.Seed.WithComparisonAsync(verdict);

        var run = await CliRun.RunAsync(coordinator.Args("get", details.Test.Id, "--fail-on-regression"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task Get_Json_ParsesBackIntoTheSameDetails()
    {
        var details = await coordinator.Seed.WithComparisonAsync(Verdict.Improvement);

        var run = await CliRun.RunAsync(coordinator.Args("get", details.Test.Id, "--output", "json"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(details, JsonParser.Default.Parse<TestDetails>(run.Stdout));
    }

    [Fact]
    public async Task Get_UnknownId_ExitsNotFoundWithOneLine()
    {
        var unknown = Guid.NewGuid().ToString();

        var run = await CliRun.RunAsync(coordinator.Args("get", unknown));

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal($"error: not found: no test with id {unknown}", run.OneErrorLine());
    }

    [Fact]
    public async Task Get_IdThatIsNoTestId_ExitsInvalidArgumentNamingTheField()
    {
        var run = await CliRun.RunAsync(coordinator.Args("get", "nope-123"));

        Assert.Equal(ExitCodes.InvalidArgument, run.ExitCode);
        Assert.StartsWith("error: invalid argument: id: 'nope-123' is not a test id", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_LastEightCharactersAsTheWebUiShowsThem_FindsTheTest()
    {
        var test = await coordinator.Seed.ScheduledAsync();

        var run = await CliRun.RunAsync(coordinator.Args("get", test.Id[^8..].ToUpperInvariant()));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains(test.Id, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_FragmentOfSeveralIds_ExitsInvalidArgumentListingCandidates()
    {
        var first = await coordinator.Seed.ScheduledAsync();
        var second = await coordinator.Seed.ScheduledAsync();
        var a = first.Id.Replace("-", "", StringComparison.Ordinal);
        var b = second.Id.Replace("-", "", StringComparison.Ordinal);
        var shared = a[..Enumerable.Range(0, a.Length).First(i => a[i] != b[i])];
        Assert.NotEmpty(shared); // UUIDv7 ids made in the same second start alike

        var run = await CliRun.RunAsync(coordinator.Args("get", shared));

        Assert.Equal(ExitCodes.InvalidArgument, run.ExitCode);
        var error = run.OneErrorLine();
        Assert.Contains($"id: '{shared}' is part of more than one test id (", error, StringComparison.Ordinal);
        Assert.Contains("give more of it", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_FragmentOfNoId_ExitsNotFound()
    {
        var run = await CliRun.RunAsync(coordinator.Args("get", "0000deadbeef0000"));

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal("error: not found: no test id starts or ends with '0000deadbeef0000'", run.OneErrorLine());
    }

    [Fact]
    public async Task Get_MissingId_ExitsUsage()
    {
        var run = await CliRun.RunAsync(coordinator.Args("get"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }
}
