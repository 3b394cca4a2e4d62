namespace PerfFleet.Cli.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void RepositoryRoot_IsFound()
    {
        Assert.True(File.Exists(Path.Combine(PerfFleet.Testing.TestPaths.RepositoryRoot, "PerfFleet.sln")));
    }
}
