namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// <c>load.stop_when</c>: end the load early once the errors (transport failures, timeouts and 5xx
/// answers; not 4xx, so a rate limiter's 429s are answers) among the measured requests of the last
/// <paramref name="Window"/> exceed <paramref name="ErrorRatePercent"/>, counted only once that
/// window holds at least <paramref name="MinRequests"/> requests, so one early error cannot end a run.
/// </summary>
public sealed record ErrorRateStop(double ErrorRatePercent, TimeSpan Window, int MinRequests)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(10);

    public const int DefaultMinRequests = 100;
}
