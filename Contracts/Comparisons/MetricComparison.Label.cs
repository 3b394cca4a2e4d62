namespace PerfFleet.Contracts.V1;

/// <summary>How every report names a comparison row.</summary>
public sealed partial class MetricComparison
{
    /// <summary>The metric, and for an endpoint's row the endpoint before it ("POST /checkout engine.p99_ms").</summary>
    public string Label => Endpoint.Length == 0 ? Metric : Endpoint + " " + Metric;
}
