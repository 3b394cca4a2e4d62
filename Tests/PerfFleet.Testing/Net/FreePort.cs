using PerfFleet.Common.Net;

namespace PerfFleet.Testing.Net;

/// <summary>Free loopback TCP ports for servers a test starts (tests run side by side): never the same twice in a while.</summary>
public static class FreePort
{
    public static int Next() => LoopbackPorts.Next();
}
