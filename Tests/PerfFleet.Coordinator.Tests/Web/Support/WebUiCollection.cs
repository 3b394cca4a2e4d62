namespace PerfFleet.Coordinator.Tests.Web.Support;

/// <summary>The web UI test classes share one database, two hosts and one browser (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class WebUiCollection : ICollectionFixture<WebUiFixture>
{
    public const string Name = "Web UI";
}
