using PerfFleet.Contracts.Payloads;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Runs.Payloads;

/// <summary>
/// Where a run's requests come from: the test's own <c>requests</c> (LoadTestSpec) over the
/// scenario's, then either a path inside the checkout (made absolute) or a stored payload
/// (fetched to a local file before the stack starts). The load step only ever sees a local path.
/// </summary>
internal static class RequestSources
{
    public static Scenario Apply(Scenario scenario, LoadTestSpec spec, string scenarioDirectory)
    {
        var load = scenario.Load;
        if (spec.Requests.Length > 0)
        {
            load = load is not null
                ? load with { Requests = spec.Requests }
                : throw new RunFailedException(RunPhase.ReadingScenario, $"the test's requests ({spec.Requests}) feed the built-in load, and scenario '{scenario.Name}' has none (its stack's load generator makes the load)");
        }

        if (load is not { Requests: { } requests })
        {
            return scenario;
        }

        // A path is named relative to the scenario's checkout; a payload is fetched later.
        return scenario with { Load = load with { Requests = PayloadReference.IsPayload(requests) ? requests : Path.Combine(scenarioDirectory, requests) } };
    }

    public static async Task<Scenario> FetchPayloadAsync(Scenario scenario, IPayloadFiles payloads, RunRequest request, CancellationToken cancellationToken)
    {
        if (scenario.Load is not { Requests: { } requests } load || !PayloadReference.IsPayload(requests))
        {
            return scenario;
        }

        PayloadReference reference;
        try
        {
            reference = PayloadReference.Parse(requests);
        }
        catch (FormatException ex)
        {
            throw new RunFailedException(RunPhase.ReadingScenario, $"requests: {ex.Message}", ex);
        }

        var path = await payloads.GetFileAsync(reference, request, cancellationToken);
        return scenario with { Load = load with { Requests = path } };
    }
}
