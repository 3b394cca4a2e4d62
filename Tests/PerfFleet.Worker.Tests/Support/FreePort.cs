using PerfFleet.Worker.Stacks;

namespace PerfFleet.Worker.Tests.Support;

public static class FreePort
{
    public static int Next() => PortAllocator.Allocate(["p"])["p"];
}
