namespace PerfFleet.Worker.Hosting;

/// <summary>
/// <c>PerfFleet:Security</c>: the fleet token the worker presents to coordinators and requires from
/// them on its own gRPC API. Empty = no token (a development fleet on loopback).
/// </summary>
public sealed class FleetTokenOptions
{
    public const string Section = "PerfFleet:Security";

    public string? FleetToken { get; set; }
}
