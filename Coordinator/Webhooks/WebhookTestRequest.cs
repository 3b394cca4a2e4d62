using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Webhooks;

/// <summary>
/// "Create this test" for a delivery. <c>Spec</c> is complete (repository, clone URL, commit,
/// scenario, kind, pull request, branch). <c>IsRerun</c> marks a <c>/perf rerun</c> comment, so
/// storage may link it to the previous test of the same PR and scenario (<c>rerun_of</c>).
/// <c>InstallationId</c> is the GitHub App installation from the payload, for reporting.
/// </summary>
public sealed record WebhookTestRequest(LoadTestSpec Spec, string Trigger, bool IsRerun, long? InstallationId);
