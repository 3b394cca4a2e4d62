namespace PerfFleet.Cli.Tests.Fixture;

/// <summary>One coordinator for all CLI tests; each test seeds its own ids.</summary>
[CollectionDefinition(Name)]
public sealed class CoordinatorCollection : ICollectionFixture<CoordinatorFixture>
{
    public const string Name = "coordinator";
}
