using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Webhooks;

namespace PerfFleet.Coordinator.Tests.Webhooks;

public sealed class RepositoryRegistryTests
{
    [Fact]
    public async Task FindAsync_ConfiguredRepository_CaseInsensitiveWithDefaults()
    {
        using var services = Services(new() { ["PerfFleet:Repositories:0:Name"] = "Octo/App", ["PerfFleet:Repositories:0:WebhookSecret"] = "topsecret-value" });

        var found = await services.GetRequiredService<IRepositoryRegistry>().FindAsync("octo/app", CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal("https://github.com/Octo/App.git", found.CloneUrl);
        Assert.Equal("master", found.DefaultBranch);
        Assert.Empty(found.Scenarios);
        Assert.Equal("topsecret-value", found.WebhookSecret);
        Assert.DoesNotContain("topsecret-value", found.ToString(), StringComparison.Ordinal);
        Assert.Null(await services.GetRequiredService<IRepositoryRegistry>().FindAsync("octo/other", CancellationToken.None));
    }

    [Fact]
    public void Options_InvalidAndDuplicateNames_FailNamingTheEntry()
    {
        using var services = Services(new()
        {
            ["PerfFleet:Repositories:0:Name"] = "no-slash",
            ["PerfFleet:Repositories:1:Name"] = "octo/app",
            ["PerfFleet:Repositories:2:Name"] = "OCTO/app",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RepositoryRegistryOptions>>().Value);

        Assert.Contains("PerfFleet:Repositories:0:Name must be owner/name, got 'no-slash'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PerfFleet:Repositories:2:Name 'OCTO/app' is registered twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPerfFleetRepositoryRegistry_CalledTwice_BindsOnce()
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PerfFleet:Repositories:0:Name"] = "octo/app" }).Build());
        collection.AddPerfFleetRepositoryRegistry();
        collection.AddPerfFleetRepositoryRegistry();
        using var services = collection.BuildServiceProvider();

        Assert.Single(services.GetRequiredService<IOptions<RepositoryRegistryOptions>>().Value.Repositories);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        collection.AddPerfFleetRepositoryRegistry();
        return collection.BuildServiceProvider();
    }
}
