using PerfFleet.Testing.Docker;

namespace PerfFleet.Deployment.Tests.Compose;

/// <summary>
/// The compose cluster tests: slow (images, five containers), so they run on their own, one
/// after another, on one private Docker daemon.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ComposeCollection : ICollectionFixture<DockerDaemonFixture>
{
    public const string Name = "compose cluster";
}
