namespace PerfFleet.Coordinator.Reporting;

/// <summary>One metric of an alert; <paramref name="Source"/> says where it came from: "query", "engine" or "resource" (container CPU and memory); null in alerts queued before it existed. <paramref name="Endpoint"/>: for an endpoint's row, the request name it judges; null for the run's own rows.</summary>
public sealed record AlertMetric(string Metric, string Verdict, double? BaselineMedian, double? TestMedian, double? ChangePercent, double? PValue, string? Source = null, string? Endpoint = null);

/// <summary>
/// The JSON body posted to the alert webhook (and the outbox payload of
/// <see cref="OutboxMessage.AlertKind"/>). <c>Text</c> is what Slack-compatible receivers show;
/// the other fields are for machines.
/// </summary>
public sealed record AlertPayload(
    string Text,
    string Repository,
    string Scenario,
    string Commit,
    string Kind,
    int PullRequest,
    string TestId,
    string BaselineTestId,
    string Verdict,
    string? Url,
    IReadOnlyList<AlertMetric> Metrics);
