using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Reporting;

namespace PerfFleet.Coordinator.Tests.Reporting;

public sealed class ReportMessageFactoryTests
{
    private static readonly ReportMessageFactory Factory = new(Options.Create(new ReportingOptions { AlertWebhookUrl = new Uri("http://127.0.0.1:9/alerts") }));

    [Fact]
    public void PendingStatus_ScheduledTest_OnePendingStatusForScenarioContext()
    {
        var spec = Samples.CompletedPullRequestTest().Spec;

        var message = Assert.Single(Factory.PendingStatus(spec, "https://perf.example/tests/t1", 5));

        Assert.Equal(OutboxMessage.CommitStatusKind, message.Kind);
        Assert.Contains("\"state\":\"pending\"", message.Payload, StringComparison.Ordinal);
        Assert.Contains("\"context\":\"perffleet/api\"", message.Payload, StringComparison.Ordinal);
        Assert.Contains("\"installation_id\":5", message.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public void PendingStatus_AdhocWithoutRepository_Nothing()
    {
        Assert.Empty(Factory.PendingStatus(new LoadTestSpec { Kind = TestKind.Adhoc, InlineSpec = "version: 1" }, null, null));
    }

    [Fact]
    public void ForCompletedTest_BaselineRun_AlertsOnPreviousBaselineRegressionWithoutComment()
    {
        var test = Samples.CompletedPullRequestTest();
        test.Spec.Kind = TestKind.Baseline;
        test.Spec.PullRequest = 0;
        var unchanged = new PerfFleet.Contracts.V1.Comparison { Verdict = Verdict.NoBaseline };

        var kinds = Factory.ForCompletedTest(new CompletedTestReport(test, unchanged, Samples.Regression(), null)).Select(m => m.Kind);

        Assert.Equal([OutboxMessage.CommitStatusKind, OutboxMessage.AlertKind], kinds);
    }

    [Fact]
    public void ForCompletedTest_BaselineRegression_SucceedsItsMergedCommitAndAlertsInstead()
    {
        var test = Samples.CompletedPullRequestTest();
        test.Spec.Kind = TestKind.Baseline;
        test.Spec.PullRequest = 0;

        var messages = Factory.ForCompletedTest(new CompletedTestReport(test, Samples.Regression(), Samples.Regression(), null));

        var status = Assert.Single(messages, m => m.Kind == OutboxMessage.CommitStatusKind).Payload;
        Assert.Contains("\"state\":\"success\"", status, StringComparison.Ordinal);
        Assert.Contains("baseline, alerted: regression in", status, StringComparison.Ordinal);
        Assert.Contains(messages, m => m.Kind == OutboxMessage.AlertKind);
    }

    [Fact]
    public void ForCompletedTest_PullRequestRegression_FailsTheCheck()
    {
        var messages = Factory.ForCompletedTest(new CompletedTestReport(Samples.CompletedPullRequestTest(), Samples.Regression(), null, null));

        Assert.Contains("\"state\":\"failure\"", Assert.Single(messages, m => m.Kind == OutboxMessage.CommitStatusKind).Payload, StringComparison.Ordinal);
    }

    [Fact]
    public void ForCompletedTest_Improvement_AlertsOnlyWhenConfigured()
    {
        var improvement = new PerfFleet.Contracts.V1.Comparison { Verdict = Verdict.Improvement };
        var report = new CompletedTestReport(Samples.CompletedPullRequestTest(), improvement, null, null);
        var withImprovements = new ReportMessageFactory(Options.Create(new ReportingOptions { AlertWebhookUrl = new Uri("http://127.0.0.1:9/a"), AlertOnImprovements = true }));

        Assert.DoesNotContain(Factory.ForCompletedTest(report), m => m.Kind == OutboxMessage.AlertKind);
        Assert.Contains(withImprovements.ForCompletedTest(report), m => m.Kind == OutboxMessage.AlertKind);
    }

    [Fact]
    public void ForCompletedTest_FailedTest_ErrorStatusWithReason()
    {
        var test = Samples.CompletedPullRequestTest();
        test.Status = TestStatus.Failed;
        test.StatusReason = "worker lost";

        var message = Assert.Single(Factory.ForCompletedTest(new CompletedTestReport(test, null, null, null)));

        Assert.Contains("\"state\":\"error\"", message.Payload, StringComparison.Ordinal);
        Assert.Contains("failed: worker lost", message.Payload, StringComparison.Ordinal);
    }
}
