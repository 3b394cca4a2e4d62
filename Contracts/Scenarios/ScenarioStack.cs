namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// How to bring up the system under test: a compose file or local processes (exactly one),
/// the free ports to allocate, the readiness URL and the stack's Prometheus.
/// </summary>
/// <remarks>
/// <para>Compose: Path of the compose file inside the checkout, or null for a local stack.</para>
/// <para>Local: Services run as plain processes; empty for a compose stack.</para>
/// <para>Ports: Port names; each becomes PERFFLEET_PORT_&lt;NAME&gt;.</para>
/// <para>LoadGenerator: A compose service whose exit ends the load (Boulder style), or null.</para>
/// </remarks>
public sealed record ScenarioStack(
    string? Compose,
    IReadOnlyList<LocalService> Local,
    IReadOnlyList<string> Ports,
    string? Ready,
    TimeSpan ReadyTimeout,
    string? Prometheus,
    string? LoadGenerator)
{
    /// <summary>How long to wait for the readiness URL when the file does not say.</summary>
    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(120);

    public bool IsCompose => Compose is not null;

    /// <summary>
    /// <c>stack: none</c>: the load goes to a deployment that is already running (warm-up, a rate
    /// limiter's check); PerfFleet starts, watches and tears down nothing.
    /// </summary>
    public bool IsExternal { get; init; }

    /// <summary>A <c>stack: none</c> with its optional readiness URL and Prometheus.</summary>
    public static ScenarioStack External(string? ready, TimeSpan readyTimeout, string? prometheus) =>
        new(null, [], [], ready, readyTimeout, prometheus, null) { IsExternal = true };
}
