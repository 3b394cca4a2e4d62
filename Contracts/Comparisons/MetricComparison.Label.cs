namespace PerfFleet.Contracts.V1;

/// <summary>How every report names a comparison row.</summary>
public sealed partial class MetricComparison
{
    /// <summary>The metric, with an endpoint's or a mirrored target's row named first ("POST /checkout engine.p99_ms").</summary>
    public string Label => Endpoint.Length > 0 ? Endpoint + " " + Metric : Target.Length > 0 ? Target + " " + Metric : Metric;
}
