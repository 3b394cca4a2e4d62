using PerfFleet.Testing.Docker;

namespace PerfFleet.Worker.Tests.Docker;

/// <summary>All Docker tests share one daemon and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerDaemonFixture>
{
    public const string Name = "docker";
}
